// The requests of the chunked upload protocol (docs/uploads.md): start, chunk, status, complete,
// cancel. The token travels in a header, never in a URL (URLs are logged). What to do on each
// failure is decided by features/upload/chunked, from the error's status, code and headers.
import type { UploadResponse } from "@shared/api/files";
import type {
  ChunkResponse,
  StartUploadBody,
  StartUploadResponse,
  UploadStatusResponse,
} from "@shared/api/uploads";
import { UPLOAD_COMMITTED_HEADER, UPLOAD_TOKEN_HEADER } from "@shared/http-headers";
import { ApiError, apiErrorFrom } from "@/lib/api-client";
import { type HttpRequest, type HttpResponse, type Transport, xhrTransport } from "./http-transport";
import { filesUrl } from "./urls";

/** An error answer, with what the protocol's headers add to it. */
export class ChunkedUploadError extends ApiError {
  constructor(
    base: ApiError,
    /** From Retry-After (503 UPLOADS_BUSY), in milliseconds. */
    readonly retryAfterMs?: number,
    /** From upload-committed (409 UPLOAD_OFFSET_MISMATCH): where to continue. */
    readonly committed?: number,
  ) {
    super(base.status, base.code, base.message, base.reason);
    this.name = "ChunkedUploadError";
  }
}

function headerNumber(res: HttpResponse, name: string): number | undefined {
  const value = res.header(name);
  if (value === null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

async function call<T>(transport: Transport, request: HttpRequest): Promise<T> {
  const res = await transport(request);
  if (res.status < 200 || res.status >= 300) {
    const seconds = headerNumber(res, "retry-after");
    throw new ChunkedUploadError(
      apiErrorFrom(res.status, res.statusText, res.text),
      seconds === undefined ? undefined : seconds * 1000,
      headerNumber(res, UPLOAD_COMMITTED_HEADER),
    );
  }
  if (res.status === 204 || res.text === "") return undefined as T;
  try {
    return JSON.parse(res.text) as T;
  } catch {
    throw new ApiError(res.status, "BAD_RESPONSE", "The server's answer could not be read.");
  }
}

export interface ChunkRequest {
  token: string;
  offset: number;
  /** Multipart only. */
  part?: number;
  /** A slice of the file: sent from disk, never read into memory here. */
  body: Blob;
  signal?: AbortSignal;
  onProgress?: (loaded: number) => void;
}

export interface ChunkedUploadApi {
  start(body: StartUploadBody, signal?: AbortSignal): Promise<StartUploadResponse>;
  chunk(request: ChunkRequest): Promise<ChunkResponse>;
  status(token: string, signal?: AbortSignal): Promise<UploadStatusResponse>;
  complete(token: string, parts: string[] | undefined, signal?: AbortSignal): Promise<UploadResponse>;
  cancel(token: string): Promise<void>;
}

export function chunkedUploadApi(volume: string, transport: Transport = xhrTransport): ChunkedUploadApi {
  const json = { "content-type": "application/json" };
  const withToken = (token: string, headers: Record<string, string> = {}) => ({
    ...headers,
    [UPLOAD_TOKEN_HEADER]: token,
  });
  return {
    start: (body, signal) =>
      call(transport, {
        method: "POST",
        url: filesUrl(volume, "uploads"),
        headers: json,
        body: JSON.stringify(body),
        signal,
      }),
    chunk: (r) =>
      call(transport, {
        method: "PUT",
        url: filesUrl(volume, "uploads/chunk", { offset: r.offset, part: r.part }),
        headers: withToken(r.token, {
          "content-type": "application/octet-stream",
          "content-length": String(r.body.size),
        }),
        body: r.body,
        signal: r.signal,
        onUploadProgress: r.onProgress,
      }),
    status: (token, signal) =>
      call(transport, {
        method: "GET",
        url: filesUrl(volume, "uploads/status"),
        headers: withToken(token),
        signal,
      }),
    complete: (token, parts, signal) =>
      call(transport, {
        method: "POST",
        url: filesUrl(volume, "uploads/complete"),
        headers: withToken(token, json),
        body: JSON.stringify(parts ? { parts } : {}),
        signal,
      }),
    cancel: (token) =>
      call(transport, { method: "DELETE", url: filesUrl(volume, "uploads"), headers: withToken(token) }),
  };
}
