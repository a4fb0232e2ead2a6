// Keeps the app's own calls under the Files API's per-client rate limit (about 10 concurrent
// requests and 100 per second: docs/databricks-files-api.md#rate-limit), so bulk work (zip,
// recursive delete, folder copy and move, listing every page, search) slows down instead of
// meeting 429s. One Pacer per identity, shared by every client of that identity in the process;
// the transport takes a slot and a rate token before each request and gives the slot back when
// the response body has ended. Waiting is FIFO, so nobody starves.
import { AsyncLocalStorage } from "node:async_hooks";
import { hash } from "node:crypto";
import { sleep } from "./retry.js";
import { UpstreamError } from "./upstream-error.js";

export interface PaceLimits {
  /** Requests in flight at once (until the response body ended). */
  concurrent: number;
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests that may start at once after a quiet spell (the bucket's size). */
  burst: number;
}

/**
 * Below the documented 10 / 100 with room for what the app cannot see: requests of the same
 * identity from elsewhere, and the gap between our clock and the service's.
 */
export const DEFAULT_PACE_LIMITS: PaceLimits = { concurrent: 8, perSecond: 80, burst: 10 };

export interface PacerStats {
  inFlight: number;
  peakInFlight: number;
  waiting: number;
  /** Requests started since the last reset. */
  started: number;
  /** Most requests started within any one second. */
  peakPerSecond: number;
}

interface Waiter {
  slots: number;
  grant: () => void;
}

/** Slots held for a group of requests that need each other (a copy's download and upload). */
interface Lease {
  free: number;
  closed: boolean;
}

const leases = new AsyncLocalStorage<Map<Pacer, Lease>>();

export const pacingTimeout = (timeoutMs: number) =>
  new UpstreamError(
    503,
    "UPSTREAM_BUSY",
    `Too many Databricks Files API calls are already running for this identity (waited ${Math.round(timeoutMs / 1000)} s); try again in a moment.`,
    { headers: { "retry-after": "5" } },
  );

export class Pacer {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private tokens: number;
  private refilledAt: number;
  private peakInFlight = 0;
  private started = 0;
  private recent: number[] = [];
  private peakPerSecond = 0;

  constructor(
    readonly limits: PaceLimits = DEFAULT_PACE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limits.burst;
    this.refilledAt = now();
  }

  /**
   * Waits for a slot (or takes one from a lease held by the caller) and a rate token; resolves
   * with the function that gives the slot back. Rejects with the signal's reason, or with a 503
   * after `timeoutMs` of waiting for a slot.
   */
  async acquire(signal: AbortSignal | undefined, timeoutMs: number): Promise<() => void> {
    let release = this.fromLease();
    if (!release) {
      await this.waitForSlots(1, signal, timeoutMs);
      release = this.releaserOf(1);
    }
    try {
      await this.waitForToken(signal);
    } catch (err) {
      release();
      throw err;
    }
    this.count();
    return release;
  }

  /**
   * Runs `fn` holding `slots` slots, taken all at once, which the requests inside `fn` use instead
   * of queueing for their own. A copy holds its download's slot while it waits for its upload's:
   * taking both together means copies can never each hold one and wait forever for a second.
   */
  async hold<T>(
    slots: number,
    fn: () => Promise<T>,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<T> {
    const wanted = Math.min(slots, this.limits.concurrent);
    await this.waitForSlots(wanted, signal, timeoutMs);
    const lease: Lease = { free: wanted, closed: false };
    const outer = leases.getStore();
    const store = new Map(outer ?? []);
    store.set(this, lease);
    try {
      return await leases.run(store, fn);
    } finally {
      lease.closed = true;
      // Slots still out (a body not yet ended) come back one by one through their own release.
      this.releaseSlots(lease.free);
      lease.free = 0;
    }
  }

  stats(): PacerStats {
    return {
      inFlight: this.inFlight,
      peakInFlight: this.peakInFlight,
      waiting: this.queue.length,
      started: this.started,
      peakPerSecond: this.peakPerSecond,
    };
  }

  resetStats(): void {
    this.peakInFlight = this.inFlight;
    this.started = 0;
    this.recent = [];
    this.peakPerSecond = 0;
  }

  get idle(): boolean {
    return this.inFlight === 0 && this.queue.length === 0;
  }

  private fromLease(): (() => void) | undefined {
    const lease = leases.getStore()?.get(this);
    if (!lease || lease.closed || lease.free <= 0) return undefined;
    lease.free -= 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (lease.closed) this.releaseSlots(1);
      else lease.free += 1;
    };
  }

  /** Gives `slots` back once, however often it is called. */
  private releaserOf(slots: number): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.releaseSlots(slots);
    };
  }

  /** Resolves once `slots` slots are taken for the caller, in order of arrival. */
  private waitForSlots(slots: number, signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
    if (this.queue.length === 0 && this.inFlight + slots <= this.limits.concurrent) {
      this.take(slots);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter: Waiter = {
        slots,
        grant: () => {
          cleanup();
          resolve();
        },
      };
      const leave = (reason: unknown) => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        cleanup();
        reject(reason);
        this.drain(); // a big waiter leaving may unblock smaller ones behind it
      };
      const onAbort = () => leave(signal?.reason);
      const timer = setTimeout(() => leave(pacingTimeout(timeoutMs)), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private take(slots: number): void {
    this.inFlight += slots;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
  }

  private releaseSlots(slots: number): void {
    this.inFlight -= slots;
    this.drain();
  }

  private drain(): void {
    for (;;) {
      const head = this.queue[0];
      if (!head || this.inFlight + head.slots > this.limits.concurrent) return;
      this.queue.shift();
      this.take(head.slots);
      head.grant();
    }
  }

  /** A token bucket that may go into debt: each caller waits its turn in order of arrival. */
  private async waitForToken(signal: AbortSignal | undefined): Promise<void> {
    const now = this.now();
    const { perSecond, burst } = this.limits;
    this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) / 1000) * perSecond);
    this.refilledAt = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = Math.ceil((-this.tokens / perSecond) * 1000);
    try {
      await sleep(waitMs, signal);
    } catch (err) {
      this.tokens += 1; // not used: give it back
      throw err;
    }
  }

  private count(): void {
    const now = this.now();
    this.started += 1;
    this.recent.push(now);
    let drop = 0;
    while (drop < this.recent.length && (this.recent[drop] as number) <= now - 1000) drop++;
    if (drop > 0) this.recent.splice(0, drop);
    this.peakPerSecond = Math.max(this.peakPerSecond, this.recent.length);
  }
}

/**
 * Runs `fn` holding one slot on each pacer (two on one pacer named twice), taken in a fixed
 * order so that two transfers in opposite directions cannot each hold what the other waits for.
 */
export async function holdTogether<T>(
  pacers: ReadonlyArray<Pacer | undefined>,
  fn: () => Promise<T>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<T> {
  const counts = new Map<Pacer, number>();
  for (const pacer of pacers) if (pacer) counts.set(pacer, (counts.get(pacer) ?? 0) + 1);
  const ordered = [...counts.entries()].sort(([a], [b]) => idOf(a) - idOf(b));
  const run = (i: number): Promise<T> => {
    const entry = ordered[i];
    if (!entry) return fn();
    return entry[0].hold(entry[1], () => run(i + 1), signal, timeoutMs);
  };
  return run(0);
}

const ids = new WeakMap<Pacer, number>();
let nextId = 1;
function idOf(pacer: Pacer): number {
  let id = ids.get(pacer);
  if (id === undefined) {
    id = nextId++;
    ids.set(pacer, id);
  }
  return id;
}

/** Most identities remembered; idle pacers beyond it are forgotten. */
const MAX_PACERS = 1_000;
const pacers = new Map<string, Pacer>();
let processLimits: PaceLimits | false = DEFAULT_PACE_LIMITS;

/**
 * The process-wide pacer of one identity. `identity` is a secret (a token) or a stable name (a
 * client id); only its hash is kept, never the token itself. Undefined when pacing is off.
 */
export function pacerFor(identity: string): Pacer | undefined {
  if (!processLimits) return undefined;
  const key = hash("sha256", identity, "base64url");
  let pacer = pacers.get(key);
  if (!pacer) {
    if (pacers.size >= MAX_PACERS) {
      for (const [k, p] of pacers) if (p.idle) pacers.delete(k);
    }
    pacer = new Pacer(processLimits);
    pacers.set(key, pacer);
  }
  return pacer;
}

/** Changes the limits for pacers created from now on; `false` turns pacing off (benches only). */
export function setProcessPaceLimits(limits: PaceLimits | false): void {
  if (JSON.stringify(limits) === JSON.stringify(processLimits)) return;
  processLimits = limits;
  pacers.clear();
}
