// Requests to presigned storage URLs (S3/ADLS part URLs, GCS resumable session URLs). They are
// not Databricks API calls: the URL's signature is the credential, so no workspace token is ever
// sent (that would leak it to the store, and S3 refuses two auth mechanisms anyway), the Files
// API pacer does not apply, and failures are the store's XML, not the Files API's JSON.
import type { Readable } from "node:stream";
import { request } from "undici";
import { AppError } from "../errors/app-error.js";
import { conflict, requestAborted, sessionLost } from "../errors/catalogue.js";
import type { PresignedUrl } from "./large-upload-api.js";
import { sharedDispatcher, type UpstreamBody } from "./transport.js";
import { guardBody } from "./upload-body.js";
import { fromNetworkError, UpstreamError } from "./upstream-error.js";

export interface StorageCallOptions {
  signal?: AbortSignal;
  /** Time to the answer's headers, and longest gap with no body bytes moving. */
  timeoutMs: number;
}

/** The store said the URL expired: ask for a new one and send again. */
export class PresignedUrlExpired extends UpstreamError {
  constructor() {
    super(503, "UPLOAD_PART_URL_EXPIRED", "The storage URL for this chunk expired; send the chunk again.", {
      upstreamStatus: 403,
      retryable: true,
      headers: { "retry-after": "0" },
    });
  }
}

async function readSmall(body: UpstreamBody): Promise<string> {
  let text = "";
  for await (const chunk of body) {
    if (text.length < 16_384) text += (chunk as Buffer).toString("utf8");
  }
  return text.slice(0, 16_384);
}

const xmlField = (xml: string, name: string) => new RegExp(`<${name}>([^<]{0,300})</${name}>`).exec(xml)?.[1];

/** AWS `AccessDenied` "Request has expired"; Azure `AuthenticationFailed` "… not valid in the specified time frame". */
export function isExpiredAnswer(status: number, xml: string): boolean {
  if (status !== 403) return false;
  const code = xmlField(xml, "Code");
  if (code === "AccessDenied") return /expired/i.test(xmlField(xml, "Message") ?? "");
  if (code === "AuthenticationFailed") return /time frame|expired/i.test(xml);
  return false;
}

function storageFailure(status: number, xml: string, operation: string): UpstreamError {
  if (isExpiredAnswer(status, xml)) return new PresignedUrlExpired();
  const code = xmlField(xml, "Code");
  const detail = code ? ` (${code})` : "";
  // 5xx and throttling are worth another try of the chunk; the rest is not the client's to fix.
  const retryable = status >= 500 || status === 429;
  return new UpstreamError(
    retryable ? 503 : 502,
    "UPSTREAM_STORAGE_ERROR",
    `${operation}: the cloud storage answered ${status}${detail}.`,
    { upstreamStatus: status, retryable, headers: retryable ? { "retry-after": "1" } : {} },
  );
}

export interface StorageResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text (store answers are small XML/JSON). */
  text: string;
}

/**
 * One request to a presigned URL; a body is streamed through a stall watchdog, and one that
 * breaks or ends early makes undici abort the request rather than finish it.
 */
export async function sendToStorage(
  url: PresignedUrl,
  method: "PUT" | "DELETE",
  extraHeaders: Record<string, string>,
  source: Readable | undefined,
  operation: string,
  options: StorageCallOptions,
): Promise<StorageResponse> {
  const stall = new AbortController();
  const guarded = source
    ? guardBody(source, { idleMs: options.timeoutMs, operation }, (err) => stall.abort(err))
    : undefined;
  const signal = AbortSignal.any([stall.signal, ...(options.signal ? [options.signal] : [])]);
  try {
    const res = await request(url.url, {
      method,
      // No authorization header, by construction: only the URL's own headers and ours.
      headers: { ...url.headers, ...extraHeaders },
      body: guarded?.body ?? (method === "PUT" ? "" : undefined),
      signal,
      dispatcher: sharedDispatcher(),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const text = await readSmall(res.body);
    return { status: res.statusCode, headers: res.headers, text };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (stall.signal.aborted && stall.signal.reason instanceof AppError) throw stall.signal.reason;
    if (options.signal?.aborted) throw requestAborted(operation, err);
    throw fromNetworkError(err, operation, options.timeoutMs);
  } finally {
    guarded?.dispose();
    if (guarded && !guarded.body.writableFinished) guarded.body.destroy();
  }
}

const headerOf = (res: StorageResponse, name: string) => {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** PUTs one part of a multipart upload; returns its ETag. */
export async function putPart(
  url: PresignedUrl,
  body: Readable,
  size: number,
  options: StorageCallOptions,
): Promise<string> {
  const operation = "PUT upload part";
  const res = await sendToStorage(
    url,
    "PUT",
    { "content-length": String(size), "content-type": "application/octet-stream" },
    body,
    operation,
    options,
  );
  if (res.status < 200 || res.status >= 300) throw storageFailure(res.status, res.text, operation);
  const etag = headerOf(res, "etag");
  if (!etag) throw new UpstreamError(502, "UPSTREAM_STORAGE_ERROR", `${operation}: the answer had no ETag.`);
  return etag;
}

export type ResumableState =
  /** `committed` bytes are stored; the upload goes on. */
  | { done: false; committed: number }
  /** The last byte arrived and the file is in place. */
  | { done: true };

function resumableState(res: StorageResponse, operation: string): ResumableState {
  if (res.status === 200 || res.status === 201) return { done: true };
  if (res.status === 308) {
    const range = /^bytes=0-(\d+)$/.exec(headerOf(res, "range") ?? "");
    return { done: false, committed: range ? Number(range[1]) + 1 : 0 };
  }
  if (res.status === 412) {
    throw conflict("A file already exists at this path (it appeared during the upload).");
  }
  if (res.status === 404 || res.status === 410 || res.status === 499) {
    throw sessionLost("The upload session is gone upstream; start the upload again.");
  }
  throw storageFailure(res.status, res.text, operation);
}

/** Sends bytes [start, start+size) of a resumable upload; `total` only with the last chunk. */
export async function putResumableChunk(
  url: PresignedUrl,
  body: Readable,
  range: { start: number; size: number; total?: number },
  options: StorageCallOptions,
): Promise<ResumableState> {
  const operation = "PUT resumable chunk";
  const end = range.start + range.size - 1;
  const res = await sendToStorage(
    url,
    "PUT",
    {
      "content-length": String(range.size),
      "content-range": `bytes ${range.start}-${end}/${range.total ?? "*"}`,
    },
    body,
    operation,
    options,
  );
  // GCS answers a chunk that does not start where it expects with 400 or 308: ask where it is.
  if (res.status === 400) return queryResumable(url, options);
  return resumableState(res, operation);
}

/** Asks a resumable session how far it is (`Content-Range: bytes *\/*`). */
export async function queryResumable(
  url: PresignedUrl,
  options: StorageCallOptions,
): Promise<ResumableState> {
  const operation = "PUT resumable status";
  const res = await sendToStorage(
    url,
    "PUT",
    { "content-length": "0", "content-range": "bytes */*" },
    undefined,
    operation,
    options,
  );
  return resumableState(res, operation);
}

/** DELETE on an abort URL or a resumable session URL; a session already gone counts as aborted. */
export async function deleteAtStorage(url: PresignedUrl, options: StorageCallOptions): Promise<void> {
  const operation = "DELETE upload session";
  const res = await sendToStorage(url, "DELETE", {}, undefined, operation, options);
  if (res.status < 300 || res.status === 404 || res.status === 499) return;
  throw storageFailure(res.status, res.text, operation);
}
