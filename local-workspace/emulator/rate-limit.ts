// The Files API's per-client rate limit: about 10 concurrent requests and 100 requests per second
// (the Databricks CLI's Files client, libs/filer/files_client.go: "As of 19th Feb 2024, the Files
// API backend has a rate limit of 10 concurrent requests and 100 QPS"). Each authenticated
// principal gets its own budget; a request over it is answered 429 REQUEST_LIMIT_EXCEEDED with a
// Retry-After, before anything is read or written. docs/databricks-files-api.md#rate-limit.
import { EmulatorApiError } from "./errors.js";

export interface RateLimit {
  /** Requests of one principal in flight at once (from arrival until the response is finished). */
  concurrent: number;
  /** Sustained requests per second of one principal; also the burst a full bucket allows. */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { concurrent: 10, perSecond: 100 };

export const RATE_LIMIT_MESSAGE =
  "Too many requests. Please wait a moment and try again. If the issue persists, consider reducing the request rate.";

interface Bucket {
  inFlight: number;
  tokens: number;
  refilledAt: number;
}

/** A token bucket (rate) plus a counter (concurrency) per principal. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private limit: RateLimit | false,
    private readonly now: () => number = Date.now,
  ) {}

  current(): RateLimit | false {
    return this.limit;
  }

  /** Changes the limit at run time (tests, benches); buckets start full again. */
  set(limit: RateLimit | false): void {
    this.limit = limit;
    for (const bucket of this.buckets.values()) bucket.tokens = limit ? limit.perSecond : 0;
  }

  /**
   * Admits one request of `principal` or throws the 429. The returned function must be called
   * once when the response is finished (or the connection closed).
   */
  admit(principal: string): () => void {
    const limit = this.limit;
    if (!limit) return () => {};
    const bucket = this.refill(principal, limit);
    if (bucket.inFlight >= limit.concurrent) throw tooManyRequests(1);
    if (bucket.tokens < 1) {
      const waitSeconds = Math.ceil((1 - bucket.tokens) / limit.perSecond);
      throw tooManyRequests(Math.max(1, waitSeconds));
    }
    bucket.tokens -= 1;
    bucket.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bucket.inFlight -= 1;
      if (bucket.inFlight === 0 && bucket.tokens >= limit.perSecond) this.buckets.delete(principal);
    };
  }

  private refill(principal: string, limit: RateLimit): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(principal);
    if (!bucket) {
      bucket = { inFlight: 0, tokens: limit.perSecond, refilledAt: now };
      this.buckets.set(principal, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.refilledAt) / 1000;
    bucket.tokens = Math.min(limit.perSecond, bucket.tokens + elapsed * limit.perSecond);
    bucket.refilledAt = now;
    return bucket;
  }
}

export function tooManyRequests(retryAfterSeconds: number): EmulatorApiError {
  return new EmulatorApiError(429, "REQUEST_LIMIT_EXCEEDED", RATE_LIMIT_MESSAGE, undefined, {
    "retry-after": String(retryAfterSeconds),
  });
}

/**
 * `LOCAL_WORKSPACE_RATE_LIMIT`: `off`, or `<concurrent>,<per second>` such as `10,100`; empty
 * means the default. Throws a message fit for the command line.
 */
export function parseRateLimit(raw: string | undefined): RateLimit | false {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "") return DEFAULT_RATE_LIMIT;
  if (value === "off" || value === "0") return false;
  const match = /^(\d+)\s*,\s*(\d+)$/.exec(value);
  const concurrent = Number(match?.[1]);
  const perSecond = Number(match?.[2]);
  if (!match || concurrent < 1 || perSecond < 1) {
    throw new Error(
      `LOCAL_WORKSPACE_RATE_LIMIT must be "off" or "<concurrent>,<per second>" such as "10,100", got "${raw}"`,
    );
  }
  return { concurrent, perSecond };
}
