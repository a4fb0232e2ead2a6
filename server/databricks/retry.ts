// Bounded retries for idempotent reads (docs/databricks-files-api.md, SDK trap 5: the SDK retries only
// 429, for up to 300 s, ignoring client disconnects). Full-jitter exponential backoff, a cap on
// the total time, and an early stop when the caller goes away.
import { UpstreamError } from "./upstream-error.js";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  max: number;
  baseDelayMs: number;
  /** No retry starts if it would begin later than this after the first attempt started. */
  maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { max: 3, baseDelayMs: 200, maxTotalMs: 10_000 };
const MAX_BACKOFF_MS = 5_000;

export interface RetryContext {
  signal?: AbortSignal;
  /** Called before each retry, e.g. for logging; `attempt` is 1 for the first retry. */
  onRetry?: (info: { attempt: number; delayMs: number; error: UpstreamError }) => void;
  random?: () => number;
  /** Narrows which retryable failures are retried, e.g. only 429 for writes. */
  retryIf?: (error: UpstreamError) => boolean;
}

export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Error thrown when retries ran out; keeps the last failure's status and code. */
function exhausted(last: UpstreamError, attempts: number): UpstreamError {
  if (attempts <= 1) return last;
  const message =
    last.status === 429
      ? `The Databricks Files API is rate limiting requests (gave up after ${attempts} attempts). Try again in a moment.`
      : `${last.message.replace(/\.$/, "")} (gave up after ${attempts} attempts).`;
  return new UpstreamError(last.status, last.code, message, {
    upstreamStatus: last.upstreamStatus,
    upstreamCode: last.upstreamCode,
    reason: last.reason,
    headers: last.headers,
    retryAfterMs: last.retryAfterMs,
    cause: last,
  });
}

/** Runs `attempt` until it succeeds, fails with a non-retryable error, or the policy runs out. */
export async function withRetries<T>(
  policy: RetryPolicy,
  context: RetryContext,
  attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const random = context.random ?? Math.random;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof UpstreamError) || !err.retryable || context.signal?.aborted) throw err;
      if (context.retryIf && !context.retryIf(err)) throw err;
      if (n >= policy.max) throw exhausted(err, n + 1);
      let delayMs = backoffDelay(policy, n + 1, random);
      // Jitter on top of Retry-After too: callers turned away together must not all come back
      // in the same millisecond and be turned away together again.
      if (err.retryAfterMs !== undefined) {
        delayMs = Math.max(delayMs, err.retryAfterMs + Math.floor(random() * policy.baseDelayMs));
      }
      // A Retry-After beyond the budget means the answer would come too late to help anyone.
      if (Date.now() - started + delayMs > policy.maxTotalMs) throw exhausted(err, n + 1);
      context.onRetry?.({ attempt: n + 1, delayMs, error: err });
      await sleep(delayMs, context.signal);
    }
  }
}
