// One authenticated HTTP request to the workspace. Uses the undici package (not global fetch,
// which buffers streamed request bodies on Node 20/22: docs/databricks-files-api.md, SDK trap 2) over one
// keep-alive agent shared by the service principal and every per-user client.
import type { Readable } from "node:stream";
import { Agent, type Dispatcher } from "undici";
import { AppError } from "../errors/app-error.js";
import { requestAborted } from "../errors/catalogue.js";
import type { Credentials } from "./credentials.js";
import { type Pacer, pacerFor } from "./pacer.js";
import { fromNetworkError, UpstreamError, upstreamTimeout } from "./upstream-error.js";

export type UpstreamBody = Dispatcher.ResponseData["body"];

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: UpstreamBody;
}

export interface UpstreamRequestInfo {
  method: string;
  /** The encoded pathname as sent, e.g. `/api/2.0/fs/files/Volumes/c/s/v/a%23b`. */
  pathname: string;
  /** The query string including `?`, or "". */
  search: string;
}

export interface SendOptions {
  method: "GET" | "HEAD" | "PUT" | "DELETE" | "POST";
  pathname: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** A stream (uploads) or a small JSON text (the large-upload API calls). */
  body?: Readable | string;
  signal?: AbortSignal;
  /** Aborts the request from our side (e.g. an upload that stalled); its reason is rethrown. */
  internalSignal?: AbortSignal;
  /** Short name for messages and logs, e.g. "GET files"; never the URL. */
  operation: string;
}

export interface TransportOptions {
  /** Who the calls run as (credentials.ts). */
  credentials: Credentials;
  dispatcher?: Dispatcher;
  /** Per upstream call: time to response headers, and longest idle gap in a body. */
  timeoutMs: number;
  onRequest?: (info: UpstreamRequestInfo) => void;
  /**
   * Paces this identity's calls under the Files API's rate limit (pacer.ts); by default the
   * process-wide pacer of the config's identity. `null` sends unpaced.
   */
  pacer?: Pacer | null;
}

/** Gives the slot back once the body is done with, however it ends. */
function releaseWithBody(body: UpstreamBody, release: () => void): void {
  if (body.destroyed || body.readableEnded) {
    release();
    return;
  }
  // Listeners get event arguments; the release must not.
  const done = () => release();
  body.once("close", done);
  body.once("end", done);
  body.once("error", done);
}

let sharedAgent: Agent | undefined;

/** The process-wide keep-alive agent; created on first use. */
export function sharedDispatcher(): Agent {
  sharedAgent ??= new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: 10_000 },
  });
  return sharedAgent;
}

/** Resolves with `promise`, or rejects when the signal aborts or the timer runs out. */
function bounded<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(onTimeout())), timeoutMs);
    const onAbort = () => finish(() => reject(signal?.reason));
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      settle();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => finish(() => resolve(value)),
      (err: unknown) => finish(() => reject(err)),
    );
  });
}

export class Transport {
  readonly credentials: Credentials;
  readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly onRequest?: (info: UpstreamRequestInfo) => void;
  private pacerChoice: Pacer | null | undefined;

  constructor(options: TransportOptions) {
    this.credentials = options.credentials;
    this.timeoutMs = options.timeoutMs;
    this.dispatcher = options.dispatcher ?? sharedDispatcher();
    this.onRequest = options.onRequest;
    this.pacerChoice = options.pacer;
  }

  /** This identity's pacer (known once the config is resolved); undefined when unpaced. */
  get pacer(): Pacer | undefined {
    if (this.pacerChoice === null) return undefined;
    this.pacerChoice ??= pacerFor(this.credentials.identity) ?? null;
    return this.pacerChoice ?? undefined;
  }

  async send(options: SendOptions): Promise<UpstreamResponse> {
    const { operation } = options;
    // Most calls carry only the request's signal: AbortSignal.any would build a third for nothing.
    const signal =
      options.internalSignal === undefined
        ? options.signal
        : options.signal === undefined
          ? options.internalSignal
          : AbortSignal.any([options.signal, options.internalSignal]);
    const classify = (err: unknown): AppError => {
      if (options.signal?.aborted) {
        // The app's own reason (a shutdown's 503) says why; a client that left gets the usual 499.
        const reason: unknown = options.signal.reason;
        return reason instanceof AppError && reason.status !== 499 ? reason : requestAborted(operation, err);
      }
      if (options.internalSignal?.aborted && options.internalSignal.reason instanceof AppError) {
        return options.internalSignal.reason;
      }
      if (err instanceof AppError) return err;
      return fromNetworkError(err, operation, this.timeoutMs);
    };

    const headers: Record<string, string> = { ...options.headers };
    let host: string;
    try {
      host = await bounded(this.credentials.authorize(headers), signal, this.timeoutMs, () =>
        upstreamTimeout(`${operation} authentication`, this.timeoutMs),
      );
    } catch (err) {
      if (err instanceof AppError || signal?.aborted) throw classify(err);
      // Config and OAuth errors: the detail goes to the log only, and only as text: the SDK's
      // ConfigError carries the whole Config (token, client secret) as an enumerable property,
      // which a log serializer would happily print.
      const detail = new Error(err instanceof Error ? err.message : String(err));
      throw new UpstreamError(502, "UPSTREAM_AUTH_FAILED", "Could not authenticate to Databricks.", {
        cause: detail,
      });
    }

    let search = "";
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) search += `${search ? "&" : "?"}${key}=${encodeURIComponent(value)}`;
    }
    let release: () => void;
    try {
      release = this.pacer ? await this.pacer.acquire(signal, this.timeoutMs) : () => {};
    } catch (err) {
      throw classify(err);
    }
    this.onRequest?.({ method: options.method, pathname: options.pathname, search });

    try {
      // The dispatcher's own request: origin and path as they are, without parsing a URL string.
      const response = await this.dispatcher.request({
        origin: host,
        path: `${options.pathname}${search}`,
        method: options.method,
        headers,
        body: options.body,
        signal,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      releaseWithBody(response.body, release);
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (err) {
      release();
      throw classify(err);
    }
  }
}

const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Reads at most 64 KiB of a (small) response body as text, then drops the rest. */
export async function readSmallText(body: UpstreamBody): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    size += buf.length;
    if (size > MAX_ERROR_BODY_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, MAX_ERROR_BODY_BYTES);
}
