// upload: a raw body, or each file part of a multipart form, streamed to the Files API with
// backpressure. Over the limit, client gone or upstream failure: the upstream PUT is aborted
// (never ended), so no partial file appears and an existing file keeps its bytes.

import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { MultipartUploadResponse, UploadResponse } from "../../../shared/api/files.js";
import { childPath, normaliseRelativePath } from "../../../shared/paths.js";
import { FILES_API_MAX_UPLOAD } from "../../config/values.js";

import { AppError } from "../../errors/app-error.js";
import {
  badRequest,
  invalidPath,
  parserRefusal,
  payloadTooLarge,
  requestAborted,
} from "../../errors/catalogue.js";
import { authorize, resolvePath, runWrite, type VolumeContext } from "../context.js";

export interface StreamOptions {
  overwrite: boolean;
  contentLength?: number;
  /** The source emits `limit` when it was cut at the size limit (busboy file streams do). */
  watchLimitEvent?: boolean;
}

/**
 * One request carries at most what one Files API PUT takes (5 GiB); a volume that allows more
 * gets larger files in chunks (docs/uploads.md).
 */
function singleRequestLimit(ctx: VolumeContext): { limit: number; limitLabel: string } {
  if (ctx.volume.maxUploadSize <= FILES_API_MAX_UPLOAD) {
    return { limit: ctx.volume.maxUploadSize, limitLabel: ctx.volume.maxUploadSizeLabel };
  }
  return { limit: FILES_API_MAX_UPLOAD, limitLabel: "5 GiB in one request (larger files go in chunks)" };
}

/**
 * Streams `source` to `abs` through the one upload guard (databricks/upload-body.ts: size limit,
 * minimum rate, idle gap, early end); returns the bytes written. Leaves what is unread of
 * `source` to the caller.
 */
function streamToFile(
  ctx: VolumeContext,
  abs: string,
  source: Readable,
  options: StreamOptions,
): Promise<number> {
  const { limit, limitLabel } = singleRequestLimit(ctx);
  return ctx.exec.files.upload(abs, source, {
    overwrite: options.overwrite,
    contentLength: options.contentLength,
    signal: ctx.signal,
    rules: {
      limit: { bytes: limit, label: limitLabel },
      minRate: { bytesPerSecond: ctx.uploads.minBytesPerSecond, windowMs: ctx.uploads.minRateWindowMs },
      watchLimitEvent: options.watchLimitEvent,
      sourceIsClient: true,
    },
  });
}

export async function uploadStream(
  ctx: VolumeContext,
  input: string | undefined,
  source: Readable,
  options: StreamOptions,
): Promise<UploadResponse> {
  const { rel, abs } = resolvePath(ctx, input, { file: true });
  await authorize(ctx, "upload", rel, { isDirectory: false });
  return runWrite(
    ctx,
    { action: "upload", rel, invalidation: { createsParents: true } },
    async () => {
      // Before reading a byte: the body stays unread and the connection is closed after the answer.
      const { limit, limitLabel } = singleRequestLimit(ctx);
      if (options.contentLength !== undefined && options.contentLength > limit) {
        throw payloadTooLarge(limit, { limitLabel });
      }
      const size = await streamToFile(ctx, abs, source, options);
      return { success: true as const, path: rel, size };
    },
    (result) => result.size,
  );
}

/** What the multipart parser hands over; @fastify/multipart parts fit. */
export type IncomingPart =
  | { type: "file"; filename: string; file: Readable & { truncated?: boolean } }
  | { type: "field" };

type PartResult = MultipartUploadResponse["results"][number];

function statusFor(err: unknown): PartResult["status"] {
  if (!(err instanceof AppError)) return "failed";
  if (err.status === 413) return "too-large";
  if (err.status === 409) return "conflict";
  if (err.code === "POLICY_DENIED" || err.status === 403) return "denied";
  return "failed";
}

/** Parser failures (a broken boundary, a truncated body) are the client's: 400, never a 500. */
async function* malformedAsBadRequest(
  ctx: VolumeContext,
  parts: AsyncIterable<IncomingPart>,
): AsyncGenerator<IncomingPart> {
  const iterator = parts[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<IncomingPart>;
    try {
      next = await iterator.next();
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (ctx.signal.aborted) throw requestAborted("multipart upload", err);
      const status = (err as { statusCode?: unknown }).statusCode;
      // @fastify/multipart's own errors carry a 4xx status and a message meant for clients.
      if (typeof status === "number" && status >= 400 && status < 500 && err instanceof Error) {
        throw parserRefusal(status, err.message, err);
      }
      throw badRequest("The upload form is malformed (multipart/form-data could not be parsed).", {
        cause: err,
      });
    }
    if (next.done) return;
    yield next.value;
  }
}

async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await finished(stream).catch(() => {});
}

export interface MultipartOutcome {
  response: MultipartUploadResponse;
  /** When the form held a single file and it failed: the error to answer with instead. */
  singleFailure?: unknown;
}

export async function uploadParts(
  ctx: VolumeContext,
  dirInput: string | undefined,
  parts: AsyncIterable<IncomingPart>,
  options: { overwrite: boolean },
): Promise<MultipartOutcome> {
  const dir = resolvePath(ctx, dirInput, { allowRoot: true, what: "folder" });
  const results: PartResult[] = [];
  const errors: unknown[] = [];
  let stopped: AppError | undefined;
  const iterator = malformedAsBadRequest(ctx, parts)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<IncomingPart>;
    try {
      next = await iterator.next();
    } catch (err) {
      // A limit or a broken body after some files were handled: those stay as they are (each
      // was written whole or not at all), and the answer says exactly which, and why the rest
      // was not read. Before any file: nothing was written, the error says why.
      if (results.length === 0 || !(err instanceof AppError) || err.status === 499) throw err;
      stopped = err;
      break;
    }
    if (next.done) break;
    const part = next.value;
    if (part.type !== "file") continue;
    const name = part.filename ?? "";
    try {
      // The name may carry sub-folders (a folder upload); it gets the same path rules as any path.
      const target = normaliseRelativePath(childPath(dir.rel, name), ctx.volume.path);
      if (!name || !target.ok || target.path === dir.rel || name.endsWith("/")) {
        const why = !target.ok
          ? `: ${target.reason}`
          : name.endsWith("/")
            ? ': it ends with "/", a folder'
            : "";
        throw invalidPath(`Invalid file name ${JSON.stringify(name.slice(0, 100))}${why}.`);
      }
      const result = await uploadStream(ctx, target.path, part.file, {
        overwrite: options.overwrite,
        watchLimitEvent: true,
      });
      results.push({ name, path: result.path, status: "uploaded", size: result.size });
    } catch (err) {
      errors.push(err);
      results.push({
        name,
        path: childPath(dir.rel, name),
        status: statusFor(err),
        error: err instanceof AppError ? err.message : "The upload failed.",
      });
      // The next part only arrives once this one has been read to its end.
      await drain(part.file);
    }
  }
  if (results.length === 0) throw badRequest("The form contains no files.");
  const success = errors.length === 0 && stopped === undefined;
  const outcome: MultipartOutcome = { response: { success, results } };
  if (stopped) outcome.response.stopped = { code: stopped.code, message: stopped.message };
  else if (results.length === 1 && errors.length === 1) outcome.singleFailure = errors[0];
  return outcome;
}
