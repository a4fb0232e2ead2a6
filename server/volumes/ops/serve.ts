// download and raw: a file streamed from the Files API with what a good static server sends:
// Content-Length, Last-Modified, a weak ETag (see validators.ts: nothing identifies the bytes),
// Accept-Ranges, single Range requests passed through (206/416), If-None-Match → 304 only for a
// validator that changes on rewrite, If-Range → always the whole file, and a Content-Disposition
// that is valid for any name. `raw` is inline only for types that cannot run script, and always under a
// sandbox CSP so even a mislabelled file cannot act as a page of this origin.
import type { Readable } from "node:stream";
import { inlineDisposition } from "../../../shared/content-types.js";
import { baseName } from "../../../shared/paths.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import { rangeNotSatisfiable } from "../../errors/catalogue.js";
import { fileHeaders } from "../../http/download-headers.js";
import { auditedRead, authorize, resolvePath, type VolumeContext } from "../context.js";
import { volumeIdentity } from "../read-cache.js";
import { notModified as unchanged, weakEtag, writeGeneration } from "../validators.js";
import { servedContentType } from "./read.js";

export interface ServeRequest {
  range?: string;
  ifNoneMatch?: string;
  ifRange?: string;
}

export interface ServedFile {
  status: 200 | 206 | 304;
  headers: Record<string, string>;
  /** Absent for 304. Must be piped or destroyed. */
  body?: Readable;
}

// One range only: multipart/byteranges is rarely used and passing it through would let the
// response type differ from the file's. RFC 9110 lets a server ignore a Range it won't serve.
const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function singleRange(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const match = SINGLE_RANGE.exec(value);
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  return value;
}

function totalSize(status: number, contentLength?: number, contentRange?: string): number | undefined {
  if (status !== 206) return contentLength;
  const match = contentRange ? /\/(\d+)\s*$/.exec(contentRange) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

async function prepare(ctx: VolumeContext, input: string | undefined, mode: "download" | "raw") {
  const { rel, abs } = resolvePath(ctx, input, { file: true });
  await authorize(ctx, mode, rel, { isDirectory: false });
  const contentType = servedContentType(ctx, rel);
  const disposition = mode === "raw" ? inlineDisposition(contentType) : "attachment";
  const file = { contentType, disposition, fileName: baseName(rel) } as const;
  // Read before the Files API call: a write that lands meanwhile bumps it for the next answer.
  const generation = writeGeneration(volumeIdentity(ctx.volume), rel);
  return { rel, abs, file, generation };
}

type FileHeaderInput = Parameters<typeof fileHeaders>[0];

function notModified(file: FileHeaderInput, etag: string, lastModified: string | undefined): ServedFile {
  return { status: 304, headers: fileHeaders(file, { etag, lastModified }) };
}

/** HEAD: the headers a GET would send, from the Files API's HEAD (no bytes move). */
export async function serveHead(
  ctx: VolumeContext,
  input: string | undefined,
  mode: "download" | "raw",
  request: ServeRequest,
): Promise<ServedFile> {
  const { rel, abs, file, generation } = await prepare(ctx, input, mode);
  const meta = await auditedRead(ctx, mode, rel, () =>
    ctx.exec.files.getMetadata(abs, { signal: ctx.signal }),
  );
  const etag = weakEtag({
    size: meta.contentLength,
    lastModified: meta.lastModified,
    date: meta.date,
    generation,
  });
  if (request.ifNoneMatch && unchanged(request.ifNoneMatch, etag))
    return notModified(file, etag, meta.lastModified);
  const headers = fileHeaders(file, {
    etag,
    lastModified: meta.lastModified,
    contentLength: meta.contentLength,
  });
  return { status: 200, headers };
}

export async function serveFile(
  ctx: VolumeContext,
  input: string | undefined,
  mode: "download" | "raw",
  request: ServeRequest,
): Promise<ServedFile> {
  const { rel, abs, file, generation } = await prepare(ctx, input, mode);
  // If-Range needs a strong match and we have no strong validator: whatever it names, the
  // client gets the whole current file rather than a part spliced onto another version's.
  const range = request.ifRange?.trim() ? undefined : singleRange(request.range);
  if (request.ifNoneMatch) {
    // Validators first with a HEAD, so a 304 never starts a download.
    const meta = await auditedRead(ctx, mode, rel, () =>
      ctx.exec.files.getMetadata(abs, { signal: ctx.signal }),
    );
    const etag = weakEtag({
      size: meta.contentLength,
      lastModified: meta.lastModified,
      date: meta.date,
      generation,
    });
    if (unchanged(request.ifNoneMatch, etag)) return notModified(file, etag, meta.lastModified);
  }

  const res = await auditedRead(ctx, mode, rel, () =>
    ctx.exec.files.download(abs, { signal: ctx.signal, ...(range ? { range } : {}) }),
  ).catch((err: unknown) => {
    // The Files API calls it INVALID_PARAMETER_VALUE; clients know it as 416 Range Not Satisfiable.
    if (err instanceof UpstreamError && err.upstreamStatus === 416) {
      throw rangeNotSatisfiable(undefined, { headers: err.headers, cause: err });
    }
    throw err;
  });
  const size = totalSize(res.status, res.contentLength, res.contentRange);
  const headers = fileHeaders(file, {
    etag:
      size === undefined
        ? undefined
        : weakEtag({ size, lastModified: res.lastModified, date: res.date, generation }),
    lastModified: res.lastModified,
    contentLength: res.contentLength,
    contentRange: res.status === 206 ? res.contentRange : undefined,
  });
  return { status: res.status, headers, body: res.body };
}
