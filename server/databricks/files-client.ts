// The only code that talks to the Unity Catalog Files API (/api/2.0/fs). Streams both ways,
// encodes every path segment, maps failures to UpstreamErrors, retries idempotent reads within
// a budget, and bounds every call in time.
import type { Dispatcher } from "undici";
import { AppError } from "../errors/app-error.js";
import { invalidPageToken, requestAborted, uploadIncomplete } from "../errors/catalogue.js";
import type { Credentials } from "./credentials.js";
import { createLargeUploadApi } from "./large-upload-api.js";
import { PAGE_TOKEN, parseListPage } from "./list.js";
import type { Pacer } from "./pacer.js";
import { type FilesApiKind, filesApiPathname } from "./paths.js";
import { resumableBody } from "./resumable-body.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from "./retry.js";
import {
  readSmallText,
  type SendOptions,
  Transport,
  type UpstreamRequestInfo,
  type UpstreamResponse,
} from "./transport.js";
import type { FilesClient } from "./types.js";
import { guardBody } from "./upload-body.js";
import { fromHttpFailure, fromNetworkError, hasErrorCode, UpstreamError } from "./upstream-error.js";

export type { DirectoryEntry, ListPage } from "./list.js";
export type { CallOptions, DownloadResponse, FileMetadata, FilesClient } from "./types.js";

export interface FilesClientOptions {
  /** Who the calls run as: sdkCredentials(spConfig) or userCredentials(spConfig, token). */
  credentials: Credentials;
  /** Defaults to the process-wide keep-alive agent. */
  dispatcher?: Dispatcher;
  /** Per upstream call: time to headers and longest idle gap in a body; default 30 s. */
  timeoutMs?: number;
  retries?: Partial<RetryPolicy>;
  /** Sees every upstream request line (method, encoded pathname, query) before it is sent. */
  onRequest?: (info: UpstreamRequestInfo) => void;
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; error: UpstreamError }) => void;
  /** Default: the process-wide pacer of the config's identity (pacer.ts); `null` sends unpaced. */
  pacer?: Pacer | null;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const header = (res: UpstreamResponse, name: string): string | undefined => {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const numberHeader = (res: UpstreamResponse, name: string): number | undefined => {
  const value = header(res, name);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
};

function classifyBodyError(err: unknown, send: SendOptions, timeoutMs: number): unknown {
  if (err instanceof AppError) return err;
  if (send.signal?.aborted) return requestAborted(send.operation, err);
  return fromNetworkError(err, send.operation, timeoutMs);
}

async function failure(res: UpstreamResponse, operation: string): Promise<UpstreamError> {
  const bodyText = await readSmallText(res.body).catch(() => "");
  return fromHttpFailure({ status: res.status, bodyText, headers: res.headers, operation });
}

/**
 * Page tokens are opaque, but only a printable one of bounded length can be the Files API's:
 * anything else is refused here, next to the call, before it costs one.
 */
function checkPageToken(token: string): void {
  if (!PAGE_TOKEN.test(token)) {
    throw invalidPageToken();
  }
}

export function createFilesClient(options: FilesClientOptions): FilesClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retries };
  const transport = new Transport({
    credentials: options.credentials,
    dispatcher: options.dispatcher,
    timeoutMs,
    onRequest: options.onRequest,
    pacer: options.pacer,
  });

  const request = (
    method: SendOptions["method"],
    kind: FilesApiKind,
    path: string,
    extra: Partial<SendOptions> = {},
  ) => ({
    ...extra,
    method,
    // Validates before anything touches the network.
    pathname: filesApiPathname(kind, path),
    operation: `${method} ${kind}`,
  });

  /** An idempotent read: retried on 429/5xx/resets until a 2xx reaches `accept`. */
  async function read<T>(send: SendOptions, accept: (res: UpstreamResponse) => Promise<T>): Promise<T> {
    try {
      return await withRetries(
        policy,
        { signal: send.signal, onRetry: (info) => options.onRetry?.({ operation: send.operation, ...info }) },
        async () => {
          const res = await transport.send(send);
          if (res.status < 200 || res.status >= 300) throw await failure(res, send.operation);
          try {
            return await accept(res);
          } catch (err) {
            // e.g. a reset while reading a listing body: as retryable as a reset before it.
            throw classifyBodyError(err, send, timeoutMs);
          }
        },
      );
    } catch (err) {
      if (send.signal?.aborted && !(err instanceof AppError)) throw requestAborted(send.operation, err);
      throw err;
    }
  }

  /** A write with a streamed body: never retried; the response body is drained so the connection can be reused. */
  async function write(send: SendOptions): Promise<void> {
    const res = await transport.send(send);
    if (res.status < 200 || res.status >= 300) throw await failure(res, send.operation);
    await res.body.dump();
  }

  /**
   * A write without a body (delete, mkdir -p): retried after a 429 only. A 429 means the request
   * was turned away before it did anything, so sending it again cannot do it twice; a 5xx or a
   * reset may come after the work was done, and is left to the caller.
   */
  async function bodilessWrite(send: SendOptions): Promise<void> {
    return withRetries(
      policy,
      {
        signal: send.signal,
        retryIf: (err) => err.upstreamStatus === 429,
        onRetry: (info) => options.onRetry?.({ operation: send.operation, ...info }),
      },
      () => write(send),
    );
  }

  const largeUploads = createLargeUploadApi({ transport, policy, timeoutMs, onRetry: options.onRetry });

  return {
    get pacer() {
      return transport.pacer;
    },
    largeUploads,

    async listPage(dirPath, opts = {}) {
      // An empty token means none: the first page.
      const pageToken = opts.pageToken || undefined;
      if (pageToken !== undefined) checkPageToken(pageToken);
      const query = { page_size: opts.pageSize?.toString(), page_token: pageToken };
      const send = request("GET", "directories", dirPath, { query, signal: opts.signal });
      return read(send, async (res) => parseListPage(await readListBody(res)));
    },

    async getMetadata(filePath, opts = {}) {
      return read(request("HEAD", "files", filePath, { signal: opts.signal }), async (res) => {
        await res.body.dump();
        return {
          // docs/databricks-files-api.md, SDK trap 7: the header is a string; a missing one means an empty file was never sized.
          contentLength: numberHeader(res, "content-length") ?? 0,
          contentType: header(res, "content-type"),
          lastModified: header(res, "last-modified"),
          date: header(res, "date"),
        };
      });
    },

    async directoryExists(dirPath, opts = {}) {
      try {
        return await read(request("HEAD", "directories", dirPath, { signal: opts.signal }), async (res) => {
          await res.body.dump();
          return true;
        });
      } catch (err) {
        if (err instanceof UpstreamError && err.upstreamStatus === 404) return false;
        throw err;
      }
    },

    async download(filePath, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.range) headers.range = opts.range;
      if (opts.ifUnmodifiedSince) headers["if-unmodified-since"] = opts.ifUnmodifiedSince;
      const send = request("GET", "files", filePath, { headers, signal: opts.signal });
      // Retried until the headers arrive; a body that breaks after that is resumed from where it
      // broke, or fails as a whole (resumable-body.ts): never a short body that looks complete.
      return read(send, async (res) => ({
        status: res.status === 206 ? 206 : 200,
        body: resumableBody(res, {
          transport,
          send,
          policy,
          classify: (err) => classifyBodyError(err, send, timeoutMs),
          failure: (failed) => failure(failed, send.operation),
          onRetry: (info) => options.onRetry?.({ operation: `${send.operation} (resume)`, ...info }),
        }),
        contentLength: numberHeader(res, "content-length"),
        contentType: header(res, "content-type"),
        lastModified: header(res, "last-modified"),
        date: header(res, "date"),
        contentRange: header(res, "content-range"),
        acceptRanges: header(res, "accept-ranges"),
      }));
    },

    async upload(filePath, source, opts) {
      const send = request("PUT", "files", filePath, {
        query: { overwrite: opts.overwrite ? "true" : "false" },
        headers: {
          "content-type": "application/octet-stream",
          ...(opts.contentLength !== undefined ? { "content-length": String(opts.contentLength) } : {}),
        },
        signal: opts.signal,
      });
      const stop = new AbortController();
      const guarded = guardBody(
        source,
        { idleMs: timeoutMs, ...opts.rules, operation: send.operation },
        (err) => stop.abort(err),
      );
      try {
        await write({ ...send, body: guarded.body, internalSignal: stop.signal });
        // A parser that cut the source at its limit ends it cleanly: that is no complete file.
        const refused = guarded.stopped();
        if (refused) throw refused;
        return guarded.bytes();
      } catch (err) {
        const refused = guarded.stopped();
        if (refused) throw refused;
        if (opts.signal?.aborted) throw err;
        // The caller's stream broke or came up short: their fault, not the Files API's.
        if (guarded.sourceFailed() || hasErrorCode(err, "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH")) {
          throw uploadIncomplete(err);
        }
        throw err;
      } finally {
        guarded.dispose();
        // Destroying the body before it ended makes undici abort rather than finish the request.
        if (!guarded.body.writableFinished) guarded.body.destroy();
      }
    },

    async createDirectory(dirPath, opts = {}) {
      return bodilessWrite(request("PUT", "directories", dirPath, { signal: opts.signal }));
    },

    async deleteFile(filePath, opts = {}) {
      return bodilessWrite(request("DELETE", "files", filePath, { signal: opts.signal }));
    },

    async deleteDirectory(dirPath, opts = {}) {
      return bodilessWrite(request("DELETE", "directories", dirPath, { signal: opts.signal }));
    },
  };
}

const MAX_LIST_BYTES = 32 * 1024 * 1024;

async function readListBody(res: UpstreamResponse): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_LIST_BYTES) {
      res.body.destroy();
      throw new UpstreamError(502, "UPSTREAM_ERROR", "The directory listing page is too large.");
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
