// The fallback when the workspace offers neither multipart nor resumable uploads: one upstream
// PUT (Content-Length = the declared size) that this process holds open while the chunks arrive,
// in order, each written into it with backpressure. The session lives in this process only: after
// a restart, on another instance, or once it failed, a chunk gets 409 UPLOAD_SESSION_LOST.
//
// The final byte is held back until `complete`, so the Files API cannot place the file before the
// commit checks (policy, conflict) ran; a PUT that is destroyed instead of ended leaves no file.
import { randomUUID } from "node:crypto";
import { PassThrough, type Readable } from "node:stream";
import type { FilesClient } from "../../../databricks/types.js";

import { AppError } from "../../../errors/app-error.js";
import { offsetMismatch, sessionLost, uploadIncomplete } from "../../../errors/catalogue.js";

interface HeldUpload {
  id: string;
  size: number;
  committed: number;
  body: PassThrough;
  stop: AbortController;
  /** Settles when the upstream PUT answers. */
  result: Promise<void>;
  failure?: unknown;
  /** The file's last byte, written only by `complete`. */
  lastByte?: Buffer;
  /** Chunks run one after another; a retry that overtakes its dying predecessor waits for it. */
  queue: Promise<void>;
  idle: NodeJS.Timeout;
}

export interface HeldOpenRegistry {
  /** Identifies this process in tokens; a token naming another instance cannot continue here. */
  readonly instance: string;
  start(
    files: FilesClient,
    abs: string,
    options: { size: number; overwrite: boolean; log: { warn(obj: object, msg: string): void } },
  ): string;
  committed(id: string): number;
  /** Writes one chunk that must start at the committed offset; returns the new committed count. */
  write(id: string, source: Readable, offset: number, size: number): Promise<number>;
  /** Sends the last byte and waits for the Files API's answer. */
  finish(id: string): Promise<void>;
  abort(id: string, reason?: unknown): void;
  /** Open sessions (diagnostics, tests). */
  size(): number;
}

/** Resolves once `body` can take more; rejects if the upstream PUT failed meanwhile. */
function drained(body: PassThrough): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      body.off("drain", done);
      body.off("close", closed);
      resolve();
    };
    const closed = () => {
      body.off("drain", done);
      reject(sessionLost());
    };
    body.once("drain", done);
    // A failed PUT destroys the body (see start), which closes it.
    body.once("close", closed);
  });
}

export function createHeldOpenRegistry(options: { idleMs: number }): HeldOpenRegistry {
  const instance = randomUUID();
  const uploads = new Map<string, HeldUpload>();

  function get(id: string): HeldUpload {
    const upload = uploads.get(id);
    if (!upload || upload.failure !== undefined) throw sessionLost();
    return upload;
  }

  function abort(id: string, reason: unknown = sessionLost()): void {
    const upload = uploads.get(id);
    if (!upload) return;
    uploads.delete(id);
    clearTimeout(upload.idle);
    upload.failure ??= reason;
    // Destroyed, never ended: undici aborts the PUT and the Files API discards what it got.
    upload.body.destroy();
    upload.stop.abort(reason);
  }

  return {
    instance,
    start(files, abs, { size, overwrite, log }) {
      const id = randomUUID();
      const body = new PassThrough();
      const stop = new AbortController();
      const idle = setTimeout(() => abort(id), options.idleMs);
      idle.unref();
      const upload: HeldUpload = {
        id,
        size,
        committed: 0,
        body,
        stop,
        idle,
        queue: Promise.resolve(),
        result: Promise.resolve(),
      };
      // Gaps between chunks are the client's pace, not a stall: the idle limit is the upload's.
      upload.result = files
        .upload(abs, body, {
          overwrite,
          contentLength: size,
          rules: { idleMs: options.idleMs },
          signal: stop.signal,
        })
        .then(() => {});
      upload.result.catch((err: unknown) => {
        if (upload.failure === undefined) log.warn({ err }, "held-open upload failed upstream");
        upload.failure ??= err;
        uploads.delete(id);
        clearTimeout(upload.idle);
        body.destroy();
      });
      uploads.set(id, upload);
      return id;
    },

    committed: (id) => get(id).committed,

    async write(id, source, offset, size) {
      const upload = get(id);
      const previous = upload.queue;
      let release = () => {};
      upload.queue = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        await previous;
        get(id);
        upload.idle.refresh();
        if (offset !== upload.committed) throw offsetMismatch(upload.committed);
        const end = offset + size;
        let position = offset;
        try {
          for await (const data of source) {
            let buf = data as Buffer;
            if (position + buf.length > end) buf = buf.subarray(0, end - position);
            // The file's final byte waits for `complete`.
            const reachesEnd = buf.length > 0 && position + buf.length === upload.size;
            if (reachesEnd) upload.lastByte = Buffer.from(buf.subarray(buf.length - 1));
            const forward = reachesEnd ? buf.subarray(0, buf.length - 1) : buf;
            if (forward.length > 0 && !upload.body.write(forward)) await drained(upload.body);
            position += buf.length;
            upload.committed = position;
          }
        } catch (err) {
          // Bytes handed over stay handed over: the client continues from `committed`.
          if (err instanceof AppError) throw err;
          throw uploadIncomplete(err);
        }
        if (upload.failure !== undefined) throw sessionLost();
        if (position !== end) throw uploadIncomplete(undefined);
        return upload.committed;
      } finally {
        upload.idle.refresh();
        release();
      }
    },

    async finish(id) {
      const upload = get(id);
      await upload.queue;
      if (upload.committed !== upload.size || !upload.lastByte) throw offsetMismatch(upload.committed);
      clearTimeout(upload.idle);
      upload.body.end(upload.lastByte);
      try {
        await upload.result;
      } finally {
        uploads.delete(id);
      }
    },

    abort,
    size: () => uploads.size,
  };
}
