// A download body that survives a broken connection. When the upstream body fails mid-way with
// a retryable error (a reset, a socket closed early), the rest is asked for from the received
// offset with `Range` and `If-Unmodified-Since: <the first answer's Last-Modified>`, as the
// Databricks SDKs do, within the read retry policy. The result is the exact bytes of one version
// or an error: a 412, a different total size, Last-Modified or start offset means the file
// changed, and the stream fails rather than splice two versions or end short as if complete.
//
// If-Unmodified-Since has one-second resolution, so a same-size rewrite within the second of the
// original mtime can still pass; the size and Last-Modified checks are all the API lets us add.
import { Readable } from "node:stream";
import { backoffDelay, type RetryPolicy, sleep } from "./retry.js";
import type { SendOptions, Transport, UpstreamBody, UpstreamResponse } from "./transport.js";
import { UpstreamError, upstreamFailure } from "./upstream-error.js";

export interface ResumeOptions {
  transport: Transport;
  /** The request that produced the first answer (its `range` header, if any, is replaced). */
  send: SendOptions;
  policy: RetryPolicy;
  /** Maps a body error (or a failed resume) to an AppError; retryable ones are UpstreamErrors. */
  classify: (err: unknown) => unknown;
  /** Maps a non-2xx resume answer to an UpstreamError (reads its small body). */
  failure: (res: UpstreamResponse) => Promise<UpstreamError>;
  onRetry?: (info: { attempt: number; delayMs: number; error: UpstreamError }) => void;
}

interface Span {
  /** Inclusive offsets of the bytes this answer carries, within a file of `total` bytes. */
  start: number;
  end: number;
  total?: number;
}

const headerOf = (res: UpstreamResponse, name: string): string | undefined => {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

function spanOf(res: UpstreamResponse): Span | undefined {
  if (res.status === 206) {
    const match = CONTENT_RANGE.exec(headerOf(res, "content-range")?.trim() ?? "");
    if (!match) return undefined;
    const total = match[3] === "*" ? undefined : Number(match[3]);
    return { start: Number(match[1]), end: Number(match[2]), total };
  }
  const length = headerOf(res, "content-length");
  if (res.status !== 200 || length === undefined || !/^\d+$/.test(length)) return undefined;
  return { start: 0, end: Number(length) - 1, total: Number(length) };
}

export const fileChanged = (operation: string) =>
  new UpstreamError(
    409,
    "FILE_CHANGED",
    `The file changed while it was being read (${operation}); read it again.`,
    { upstreamStatus: 412 },
  );

const endedEarly = (operation: string) =>
  new UpstreamError(502, "UPSTREAM_UNAVAILABLE", `The Files API ended a body early (${operation}).`, {
    retryable: true,
  });

function discard(body: UpstreamBody | undefined): void {
  if (!body || body.destroyed) return;
  body.on("error", () => {});
  body.destroy();
}

/** `first.body`, or a stream of the same bytes that resumes after breaks (see the file comment). */
export function resumableBody(first: UpstreamResponse, options: ResumeOptions): Readable {
  const span = spanOf(first);
  const validator = headerOf(first, "last-modified");
  // Without a span or a validator a resume could not be checked: leave breaks to the caller.
  if (!span || !validator || options.policy.max <= 0 || span.end < span.start) return first.body;
  const { send, policy } = options;
  const operation = send.operation;
  const started = Date.now();
  const stop = new AbortController();
  let offset = span.start;
  let retries = 0;
  let current: UpstreamBody | undefined;

  const out = new Readable({
    highWaterMark: 64 * 1024,
    read() {
      current?.resume();
    },
    destroy(err, callback) {
      stop.abort();
      discard(current);
      current = undefined;
      callback(err);
    },
  });

  const attach = (body: UpstreamBody) => {
    current = body;
    body.on("data", (chunk: Buffer) => {
      offset += chunk.length;
      if (!out.push(chunk)) body.pause();
    });
    body.once("end", () => {
      if (current !== body) return;
      if (offset > span.end) out.push(null);
      else void recover(endedEarly(operation));
    });
    body.once("error", (err) => {
      if (current === body) void recover(err);
    });
  };

  async function reopen(): Promise<UpstreamBody> {
    const res = await options.transport.send({
      ...send,
      headers: {
        ...send.headers,
        range: `bytes=${offset}-${span?.end}`,
        "if-unmodified-since": validator as string,
      },
      internalSignal: stop.signal,
    });
    if (res.status === 412 || res.status === 416) {
      discard(res.body);
      throw fileChanged(operation);
    }
    if (res.status < 200 || res.status >= 300) throw await options.failure(res);
    const resumed = spanOf(res);
    const sameVersion =
      res.status === 206 &&
      resumed?.start === offset &&
      resumed.total === span?.total &&
      (headerOf(res, "last-modified") ?? validator) === validator;
    if (!sameVersion) {
      discard(res.body);
      throw fileChanged(operation);
    }
    return res.body;
  }

  async function recover(err: unknown): Promise<void> {
    discard(current);
    current = undefined;
    let error = options.classify(err);
    for (;;) {
      if (out.destroyed) return;
      const retryable = error instanceof UpstreamError && error.retryable && !send.signal?.aborted;
      const delayMs = backoffDelay(policy, retries + 1);
      if (!retryable || retries >= policy.max || Date.now() - started + delayMs > policy.maxTotalMs) {
        out.destroy(error instanceof Error ? error : upstreamFailure("UPSTREAM_ERROR", String(error)));
        return;
      }
      retries += 1;
      options.onRetry?.({ attempt: retries, delayMs, error: error as UpstreamError });
      try {
        await sleep(delayMs, AbortSignal.any([stop.signal, ...(send.signal ? [send.signal] : [])]));
        const body = await reopen();
        if (out.destroyed) return discard(body);
        attach(body);
        return;
      } catch (next) {
        error = options.classify(next);
      }
    }
  }

  attach(first.body);
  return out;
}
