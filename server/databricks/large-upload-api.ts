// The Files API's large-upload calls (docs/databricks-files-api.md#large-uploads), as the
// Databricks SDKs and CLI make them: initiate a session, ask for presigned part URLs or a
// resumable session URL, complete or abort. These are workspace API calls: authenticated and
// paced as this client's identity. The bytes themselves go to the presigned URLs, which take no
// workspace credentials (presigned-storage.ts).
import { filesApiPathname } from "./paths.js";
import { type RetryPolicy, withRetries } from "./retry.js";
import { readSmallText, type SendOptions, type Transport, type UpstreamResponse } from "./transport.js";
import { fromHttpFailure, UpstreamError } from "./upstream-error.js";

/** A presigned URL and the headers it must be sent with (they are part of its signature). */
export interface PresignedUrl {
  url: string;
  headers: Record<string, string>;
}

export type InitiatedUpload =
  | { protocol: "multipart" | "resumable"; sessionToken: string }
  /** The workspace offers neither protocol: one PUT is the only way. */
  | { protocol: "none" };

export interface LargeUploadApi {
  initiate(path: string, opts: { overwrite: boolean; signal?: AbortSignal }): Promise<InitiatedUpload>;
  partUrls(
    path: string,
    sessionToken: string,
    range: { start: number; count: number; expireTime: Date },
    signal?: AbortSignal,
  ): Promise<Array<PresignedUrl & { partNumber: number }>>;
  complete(
    path: string,
    sessionToken: string,
    parts: Array<{ partNumber: number; etag: string }>,
    signal?: AbortSignal,
  ): Promise<void>;
  abortUrl(path: string, sessionToken: string, expireTime: Date, signal?: AbortSignal): Promise<PresignedUrl>;
  resumableUrl(path: string, sessionToken: string, signal?: AbortSignal): Promise<PresignedUrl>;
}

export interface LargeUploadApiOptions {
  transport: Transport;
  policy: RetryPolicy;
  timeoutMs: number;
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; error: UpstreamError }) => void;
}

const CREATE_UPLOAD_PART_URLS = "/api/2.0/fs/create-upload-part-urls";
const CREATE_ABORT_UPLOAD_URL = "/api/2.0/fs/create-abort-upload-url";
const CREATE_RESUMABLE_UPLOAD_URL = "/api/2.0/fs/create-resumable-upload-url";

/** RFC 3339 without milliseconds, as the SDKs send it. */
const rfc3339 = (date: Date) => date.toISOString().replace(/\.\d+Z$/, "Z");

/**
 * How a workspace without the feature answers `initiate-upload` (403 "… is not enabled",
 * FILES_API_API_IS_NOT_ENABLED; older ones 404 or 501): the SDKs then fall back to one PUT.
 */
function meansNotAvailable(err: UpstreamError): boolean {
  if (err.upstreamStatus === 404 || err.upstreamStatus === 501) return true;
  if (err.upstreamStatus !== 403 || err.credentialsRejected) return false;
  return /NOT_ENABLED/.test(err.reason ?? "") || /not enabled/i.test(err.message);
}

function headerPairs(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!Array.isArray(value)) return headers;
  for (const pair of value) {
    const { name, value: v } = (pair ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name === "string" && typeof v === "string") headers[name.toLowerCase()] = v;
  }
  return headers;
}

function presigned(value: unknown, operation: string): PresignedUrl {
  const { url, headers } = (value ?? {}) as { url?: unknown; headers?: unknown };
  if (typeof url !== "string" || !/^https?:\/\//.test(url)) throw malformed(operation);
  return { url, headers: headerPairs(headers) };
}

const malformed = (operation: string) =>
  new UpstreamError(502, "UPSTREAM_ERROR", `${operation}: the Files API answered in an unexpected shape.`);

export function createLargeUploadApi(options: LargeUploadApiOptions): LargeUploadApi {
  const { transport, policy } = options;

  /**
   * One call answering JSON. `idempotent` calls are retried like reads (429, 5xx, resets); the
   * others only after a 429, which turns a request away before it did anything.
   */
  async function call(send: SendOptions, idempotent: boolean): Promise<unknown> {
    return withRetries(
      policy,
      {
        signal: send.signal,
        retryIf: idempotent ? undefined : (err) => err.upstreamStatus === 429,
        onRetry: (info) => options.onRetry?.({ operation: send.operation, ...info }),
      },
      async () => {
        const res: UpstreamResponse = await transport.send(send);
        const text = await readSmallText(res.body);
        if (res.status < 200 || res.status >= 300) {
          throw fromHttpFailure({
            status: res.status,
            bodyText: text,
            headers: res.headers,
            operation: send.operation,
          });
        }
        try {
          return text.trim() === "" ? {} : (JSON.parse(text) as unknown);
        } catch {
          throw malformed(send.operation);
        }
      },
    );
  }

  const post = (pathname: string, operation: string, body: unknown, signal?: AbortSignal): SendOptions => ({
    method: "POST",
    pathname,
    operation,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });

  return {
    async initiate(path, opts) {
      const send: SendOptions = {
        method: "POST",
        pathname: filesApiPathname("files", path),
        query: { action: "initiate-upload", overwrite: opts.overwrite ? "true" : "false" },
        operation: "POST files initiate-upload",
        signal: opts.signal,
      };
      let answer: unknown;
      try {
        answer = await call(send, false);
      } catch (err) {
        if (err instanceof UpstreamError && meansNotAvailable(err)) return { protocol: "none" };
        throw err;
      }
      const body = answer as {
        multipart_upload?: { session_token?: unknown };
        resumable_upload?: { session_token?: unknown };
      };
      const multipart = body.multipart_upload?.session_token;
      const resumable = body.resumable_upload?.session_token;
      if (typeof multipart === "string" && multipart)
        return { protocol: "multipart", sessionToken: multipart };
      if (typeof resumable === "string" && resumable)
        return { protocol: "resumable", sessionToken: resumable };
      throw malformed(send.operation);
    },

    async partUrls(path, sessionToken, range, signal) {
      filesApiPathname("files", path);
      const operation = "POST create-upload-part-urls";
      const body = {
        path,
        session_token: sessionToken,
        start_part_number: range.start,
        count: range.count,
        expire_time: rfc3339(range.expireTime),
      };
      const answer = (await call(post(CREATE_UPLOAD_PART_URLS, operation, body, signal), true)) as {
        upload_part_urls?: unknown;
      };
      if (!Array.isArray(answer.upload_part_urls)) throw malformed(operation);
      return answer.upload_part_urls.map((item) => {
        const partNumber = (item as { part_number?: unknown }).part_number;
        if (typeof partNumber !== "number") throw malformed(operation);
        return { partNumber, ...presigned(item, operation) };
      });
    },

    async complete(path, sessionToken, parts, signal) {
      const send: SendOptions = {
        method: "POST",
        pathname: filesApiPathname("files", path),
        query: { action: "complete-upload", upload_type: "multipart", session_token: sessionToken },
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ parts: parts.map((p) => ({ part_number: p.partNumber, etag: p.etag })) }),
        operation: "POST files complete-upload",
        signal,
      };
      await call(send, false);
    },

    async abortUrl(path, sessionToken, expireTime, signal) {
      filesApiPathname("files", path);
      const operation = "POST create-abort-upload-url";
      const body = { path, session_token: sessionToken, expire_time: rfc3339(expireTime) };
      const answer = (await call(post(CREATE_ABORT_UPLOAD_URL, operation, body, signal), true)) as {
        abort_upload_url?: unknown;
      };
      return presigned(answer.abort_upload_url, operation);
    },

    async resumableUrl(path, sessionToken, signal) {
      filesApiPathname("files", path);
      const operation = "POST create-resumable-upload-url";
      const body = { path, session_token: sessionToken };
      const answer = (await call(post(CREATE_RESUMABLE_UPLOAD_URL, operation, body, signal), true)) as {
        resumable_upload_url?: unknown;
      };
      return presigned(answer.resumable_upload_url, operation);
    },
  };
}
