// The store's side of a resumable upload (GCS session URI semantics,
// https://cloud.google.com/storage/docs/performing-resumable-uploads):
//   PUT Content-Range: bytes a-b/*   a chunk; 308 + `Range: bytes=0-N` (N = last committed byte)
//   PUT Content-Range: bytes a-b/T   the last chunk; 200 once all T bytes are there (412 if the
//                                    file exists and overwrite was false)
//   PUT Content-Range: bytes */*     "how far are you?" → 308 (no Range while nothing is committed)
//   PUT Content-Range: bytes */T     "that was all, T bytes" → 200, or 308 if bytes are missing
//   DELETE                           cancels → 499, as GCS answers
// Chunks are written in place into one data file in the session's staging directory. Like GCS, a
// chunk that is not the last is committed in whole 256 KiB units only, and a chunk cut short keeps
// what arrived (in those units): the client learns the committed offset and resends from there.
import { createWriteStream, type WriteStream } from "node:fs";
import { truncate } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { Transform, type TransformCallback } from "node:stream";
import { EmulatorApiError } from "./errors.js";
import { noSuchUpload } from "./multipart-upload.js";
import { isFileExists, placeFile } from "./place-file.js";
import { s3Error } from "./presigned.js";
import type { StorageRequest } from "./storage-routes.js";
import { resumableDataFile } from "./upload-api-routes.js";
import type { UploadSession } from "./upload-sessions.js";

/** GCS persists non-final chunks in multiples of 256 KiB. */
export const RESUMABLE_GRANULE = 256 * 1024;

type ContentRange =
  | { kind: "query" }
  | { kind: "finalize"; total: number }
  | { kind: "chunk"; start: number; end: number; total: number | undefined };

const invalid = (message: string) => s3Error(400, "InvalidArgument", message);

export function parseContentRange(
  header: string | undefined,
  contentLength: string | undefined,
): ContentRange {
  if (header === undefined) {
    // No Content-Range: the whole object in this one request.
    const length = Number(contentLength);
    if (contentLength === undefined || !Number.isInteger(length)) {
      throw s3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
    }
    return length === 0
      ? { kind: "finalize", total: 0 }
      : { kind: "chunk", start: 0, end: length - 1, total: length };
  }
  const m = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(header.trim());
  if (!m) throw invalid(`Invalid Content-Range header: '${header}'.`);
  const total = m[3] === "*" ? undefined : Number(m[3]);
  if (m[1] === undefined) return total === undefined ? { kind: "query" } : { kind: "finalize", total };
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start || (total !== undefined && end >= total))
    throw invalid(`Invalid Content-Range header: '${header}'.`);
  return { kind: "chunk", start, end, total };
}

/**
 * Drops the first `skip` bytes (already committed), counts what passes, and injects resets. A
 * reset keeps what arrived before it and ends the stream cleanly, so every received byte reaches
 * the file (a store keeps what it received).
 */
class ChunkMeter extends Transform {
  received = 0;
  cut = false;
  constructor(
    private readonly req: IncomingMessage,
    private skip: number,
    private readonly resetAfterBytes: number | undefined,
    private readonly onBytes: (n: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (this.cut) {
      callback();
      return;
    }
    let data = chunk;
    if (this.resetAfterBytes !== undefined && this.received + data.length >= this.resetAfterBytes) {
      data = data.subarray(0, this.resetAfterBytes - this.received);
      this.cut = true;
      this.req.socket.destroy();
    }
    this.received += data.length;
    this.onBytes(data.length);
    if (this.skip > 0) {
      const dropped = Math.min(this.skip, data.length);
      this.skip -= dropped;
      data = data.subarray(dropped);
    }
    callback(null, data);
  }
}

/**
 * Streams the request body through `meter` into `out`. A body cut short (client gone, injected
 * reset) still ends the file stream normally, so what arrived is on disk. True when all arrived.
 */
function writeChunk(req: IncomingMessage, meter: ChunkMeter, out: WriteStream): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const endEarly = () => {
      if (!req.complete && !meter.writableEnded) meter.end();
    };
    req.once("close", endEarly);
    req.once("error", endEarly);
    out.once("error", reject);
    out.once("finish", () => {
      req.off("close", endEarly);
      resolve(req.complete && !meter.cut);
    });
    req.pipe(meter).pipe(out);
  });
}

function sendCommitted(sr: StorageRequest, committed: number): void {
  const headers: Record<string, string> = { "content-length": "0" };
  if (committed > 0) headers.range = `bytes=0-${committed - 1}`;
  sr.res.writeHead(308, headers);
  sr.res.end();
}

function sendFinished(sr: StorageRequest, session: UploadSession): void {
  const body = JSON.stringify({
    kind: "storage#object",
    name: session.target.path.replace(/^\//, ""),
    size: String(session.total ?? session.committed),
  });
  sr.res.writeHead(200, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
  });
  sr.res.end(body);
}

/** Reads and drops a body that should be empty (status queries). */
async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // discard
  }
}

async function finish(sr: StorageRequest, session: UploadSession, total: number): Promise<void> {
  const data = resumableDataFile(session);
  session.state = "completing";
  try {
    await truncate(data, total);
    await placeFile({ tempPath: data, size: total }, session.target.absolute, session.overwrite);
  } catch (err) {
    // The data file is gone either way (placeFile discards it): the session cannot continue.
    await sr.env.uploads.end(session, "aborted");
    if (isFileExists(err)) {
      throw s3Error(
        412,
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold.",
        {
          Details: "The file exists and the upload was started with overwrite=false.",
        },
      );
    }
    if (err instanceof EmulatorApiError && err.status === 409) throw s3Error(409, "Conflict", err.message);
    throw err;
  }
  session.committed = total;
  await sr.env.uploads.end(session, "completed");
  sendFinished(sr, session);
}

async function applyChunk(sr: StorageRequest, session: UploadSession, range: ContentRange): Promise<void> {
  const { req, res, env } = sr;
  if (session.state === "finished") {
    await drain(req);
    return sendFinished(sr, session);
  }
  if (session.state !== "open") throw noSuchUpload();
  if (range.kind !== "query" && range.total !== undefined) {
    if (session.total !== undefined && session.total !== range.total) {
      throw invalid(`The total size ${range.total} differs from the ${session.total} declared before.`);
    }
    if (range.total < session.committed)
      throw invalid(`The total size ${range.total} is below the ${session.committed} bytes committed.`);
  }
  if (range.kind === "query") {
    await drain(req);
    return sendCommitted(sr, session.committed);
  }
  if (range.kind === "finalize") {
    await drain(req);
    session.total = range.total;
    if (session.committed === range.total) return finish(sr, session, range.total);
    return sendCommitted(sr, session.committed);
  }
  const length = range.end - range.start + 1;
  if (Number(req.headers["content-length"]) !== length) {
    throw invalid(`Content-Length must be ${length} for Content-Range bytes ${range.start}-${range.end}.`);
  }
  if (range.start > session.committed) {
    throw invalid(
      `The chunk starts at byte ${range.start} but ${session.committed} bytes are committed; ask with Content-Range: bytes */* and resend from there.`,
    );
  }
  if (range.total !== undefined) session.total = range.total;
  if (req.headers.expect?.toLowerCase() === "100-continue") res.writeContinue();

  const from = session.committed;
  const meter = new ChunkMeter(req, from - range.start, sr.fault?.resetAfterBytes, (n) =>
    env.stats.recordReceived(session.target.path, n),
  );
  const out = createWriteStream(resumableDataFile(session), { flags: "r+", start: from });
  let complete: boolean;
  try {
    complete = (await writeChunk(req, meter, out)) && meter.received === length;
  } catch (err) {
    // Cancelled or expired while the chunk streamed in: its data file is gone.
    if (session.state !== "open") throw noSuchUpload();
    throw err;
  }
  if (session.state !== "open") {
    res.destroy();
    return;
  }
  const persistedEnd = from + out.bytesWritten;
  const isLast = range.total !== undefined && range.end + 1 === range.total;
  if (complete && isLast) return finish(sr, session, range.total as number);
  session.committed = Math.max(
    session.committed,
    Math.floor(persistedEnd / RESUMABLE_GRANULE) * RESUMABLE_GRANULE,
  );
  if (!complete) {
    env.log(`PUT chunk of ${session.target.path}: cut short, ${session.committed} bytes committed`);
    res.destroy();
    return;
  }
  sendCommitted(sr, session.committed);
}

export async function putResumable(sr: StorageRequest): Promise<void> {
  const session = sr.session;
  if (session?.kind !== "resumable") throw noSuchUpload();
  const range = parseContentRange(sr.req.headers["content-range"], sr.req.headers["content-length"]);
  // One chunk at a time per session: a retry that overtakes its dying predecessor waits for it.
  const run = session.queue.then(() => applyChunk(sr, session, range));
  session.queue = run.catch(() => {});
  return run;
}

export async function abortResumable(sr: StorageRequest): Promise<void> {
  const session = sr.session;
  if (session?.kind !== "resumable" || session.state !== "open") throw noSuchUpload();
  await sr.env.uploads.end(session, "aborted");
  // GCS answers a cancelled session with 499 "Client Closed Request".
  sr.res.writeHead(499, { "content-length": "0" });
  sr.res.end();
}
