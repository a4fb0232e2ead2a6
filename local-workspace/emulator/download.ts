// GET and HEAD /api/2.0/fs/files{path}: the file's bytes (whole or one range) or just its headers.
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type RequestContext, resolveTarget } from "./context.js";
import { EmulatorApiError, notFound } from "./errors.js";
import { parseRange, unmodifiedSince } from "./range.js";

export const FILES_API_CONTENT_TYPE = "application/octet-stream";

async function openRegularFile(absolute: string): Promise<FileHandle | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(absolute, "r");
  } catch {
    // ENOENT, ENOTDIR (a parent is a file), EISDIR: all "no such file" to the caller.
    return undefined;
  }
  // Reading through the handle keeps serving the same inode if an upload renames over the path.
  const stats = await handle.stat();
  if (stats.isFile()) return handle;
  await handle.close();
  return undefined;
}

export async function handleDownload(ctx: RequestContext, rawPath: string): Promise<void> {
  const target = await resolveTarget(ctx, rawPath, { directory: false, access: "read" });
  const handle = await openRegularFile(target.absolute);
  if (!handle) throw notFound("FILES_API_FILE_NOT_FOUND", "file");
  let handedOver = false;
  try {
    const stats = await handle.stat();
    const size = stats.size;
    if (!unmodifiedSince(ctx.req.headers["if-unmodified-since"], stats.mtimeMs)) {
      throw new EmulatorApiError(
        412,
        "FAILED_PRECONDITION",
        "The file has been modified since the time given in If-Unmodified-Since.",
      );
    }
    const headers: Record<string, string> = {
      // The Files API does not guess from the name: a .txt comes back as octet-stream
      // (databricks-sdk-py's integration test). The app decides types from its own map.
      "content-type": FILES_API_CONTENT_TYPE,
      "last-modified": new Date(stats.mtimeMs).toUTCString(),
      "accept-ranges": "bytes",
    };
    const range = parseRange(ctx.req.headers.range, size);
    if (range.kind === "unsatisfiable") {
      const headers = { "content-range": `bytes */${size}` };
      throw new EmulatorApiError(
        416,
        "INVALID_PARAMETER_VALUE",
        "The range is not satisfiable.",
        undefined,
        headers,
      );
    }
    let start = 0;
    let end = size - 1;
    if (range.kind === "range") {
      ({ start, end } = range);
      headers["content-range"] = `bytes ${start}-${end}/${size}`;
    }
    headers["content-length"] = String(end - start + 1);
    ctx.res.writeHead(range.kind === "range" ? 206 : 200, headers);
    if (ctx.method === "HEAD" || end < start) {
      ctx.res.end();
      return;
    }
    handedOver = true;
    await sendBody(ctx, handle, start, end, target.vpath.path);
  } finally {
    if (!handedOver) await handle.close();
  }
}

async function sendBody(
  ctx: RequestContext,
  handle: FileHandle,
  start: number,
  end: number,
  volumePath: string,
) {
  const { res, env, fault } = ctx;
  const resetAfter = fault?.resetAfterBytes;
  const last = resetAfter === undefined ? end : Math.min(end, start + resetAfter - 1);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      env.stats.recordServed(volumePath, chunk.length);
      callback(null, chunk);
    },
  });
  try {
    if (last >= start) {
      const source = handle.createReadStream({ start, end: last, autoClose: true });
      await pipeline(source, meter, res, { end: resetAfter === undefined });
    } else {
      await handle.close();
    }
    if (resetAfter !== undefined) cutConnection(res);
  } catch {
    // The client went away mid-download; nothing left to answer.
    res.destroy();
  }
}

/** Sends what was written so far, then closes: the client sees a body shorter than content-length. */
function cutConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  res.flushHeaders();
  socket.end();
  socket.once("finish", () => socket.destroy());
}
