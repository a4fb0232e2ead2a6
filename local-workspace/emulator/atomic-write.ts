// Uploads land in a staging file on the same filesystem and are renamed over the target only once
// the whole body arrived, so readers never see a partial file and an aborted or rejected upload
// leaves the previous bytes in place. Bodies are streamed with backpressure, never buffered.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { link, rename, rm, stat } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";

export class BodyTooLargeError extends Error {}
export class BodyIncompleteError extends Error {}

export interface StageOptions {
  stagingDir: string;
  maxBytes: number;
  /** Destroy the connection once this many body bytes arrived (fault injection). */
  resetAfterBytes?: number;
  onBytes?: (bytes: number) => void;
  /** Sees every accepted body chunk in order (e.g. to hash it on the way to disk). */
  onChunk?: (chunk: Buffer) => void;
}

export interface StagedFile {
  tempPath: string;
  size: number;
}

class BodyMeter extends Transform {
  total = 0;
  constructor(
    private readonly req: IncomingMessage,
    private readonly options: StageOptions,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    this.options.onBytes?.(chunk.length);
    if (this.total > this.options.maxBytes) {
      callback(new BodyTooLargeError(`body exceeds ${this.options.maxBytes} bytes`));
      return;
    }
    const reset = this.options.resetAfterBytes;
    if (reset !== undefined && this.total >= reset) {
      this.req.socket.destroy();
      callback(new BodyIncompleteError("connection reset by fault injection"));
      return;
    }
    this.options.onChunk?.(chunk);
    callback(null, chunk);
  }
}

/** Streams the request body into a new staging file; on any failure the staging file is removed. */
export async function stageBody(req: IncomingMessage, options: StageOptions): Promise<StagedFile> {
  // A client that left before we got here would never deliver 'end' to the pipe below.
  if (req.destroyed)
    throw new BodyIncompleteError("the client closed the connection before the body was read");
  const tempPath = path.join(options.stagingDir, `${randomUUID()}.part`);
  const meter = new BodyMeter(req, options);
  // req.pipe rather than pipeline(req, …): pipeline would destroy the request (and its socket) on
  // an over-limit body, leaving no way to answer 413. Client aborts are forwarded by hand.
  const onClose = () => {
    if (!req.complete) meter.destroy(new BodyIncompleteError("the client closed the connection mid-body"));
  };
  const onError = (err: Error) => meter.destroy(new BodyIncompleteError(err.message));
  req.once("close", onClose);
  req.once("error", onError);
  req.pipe(meter);
  try {
    await pipeline(meter, createWriteStream(tempPath, { flags: "wx" }));
    const declared = req.headers["content-length"];
    if (!req.complete || (declared !== undefined && Number(declared) !== meter.total)) {
      throw new BodyIncompleteError("the request body ended early");
    }
    return { tempPath, size: meter.total };
  } catch (err) {
    req.unpipe(meter);
    await discard(tempPath);
    throw err;
  } finally {
    req.off("close", onClose);
    req.off("error", onError);
  }
}

export async function discard(tempPath: string): Promise<void> {
  await rm(tempPath, { force: true });
}

/**
 * Moves the staged file to `target`. Without overwrite, a hard link claims the name atomically
 * (EEXIST if something is already there) so a racing writer can't be clobbered.
 */
export async function commitStaged(staged: StagedFile, target: string, overwrite: boolean): Promise<void> {
  try {
    if (overwrite) {
      await rename(staged.tempPath, target);
      return;
    }
    try {
      await link(staged.tempPath, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw err;
      // Filesystems without hard links: check-then-rename, racy but only for concurrent writers.
      const existing = await stat(target).catch(() => undefined);
      if (existing) throw Object.assign(new Error("target exists"), { code: "EEXIST" });
      await rename(staged.tempPath, target);
    }
  } finally {
    await discard(staged.tempPath);
  }
}
