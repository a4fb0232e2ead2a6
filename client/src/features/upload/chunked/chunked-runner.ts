// Runs one chunked upload (docs/uploads.md) from start, or from a remembered session, to commit.
// Chunks are slices of the File (read from disk as they are sent), sized to take seconds;
// multipart sends several at once, resumable/held-open strictly in order. A failed chunk is
// retried with backoff and, in order, re-sent from what the server says is committed: never the
// whole file. Network and time are injected so the failure handling is unit-tested.
import type { UploadResponse } from "@shared/api/files";
import { type ChunkedUploadApi, ChunkedUploadError } from "@/api/files/chunked-upload";
import { UploadAbortedError } from "@/api/files/http-transport";
import { MAX_PARTS, nextChunkSize, ThroughputEstimate } from "./chunk-sizing";
import type { RequestSlots } from "./request-slots";
import { decideResume } from "./resume-decision";
import { backoffMs, classifyFailure, MAX_ATTEMPTS, MAX_BUSY_WAITS } from "./retry-policy";
import {
  type CutChunk,
  completeParts,
  cutEnd,
  cutNext,
  sessionFromStart,
  storedBytes,
  type UploadSession,
  unreceipted,
  withReceipt,
} from "./upload-session";

export interface RunnerDeps {
  api: ChunkedUploadApi;
  /** Shared by every upload of the page (chunkRequestSlots); unlimited when absent. */
  slots?: RequestSlots;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface RunOptions {
  file: Blob;
  path: string;
  overwrite: boolean;
  /** Continue this session (paused, failed, or remembered across a reload) instead of starting. */
  session?: UploadSession;
  signal?: AbortSignal;
  /** Every change of the session (newest token, cuts, receipts, offset): keep it to resume later. */
  onSession?: (session: UploadSession) => void;
  /** Bytes stored plus bytes of chunks in flight. */
  onProgress?: (loaded: number) => void;
  /** A request failed and will be sent again after `waitMs` (to show the person why it is slow). */
  onRetry?: (retry: { attempt: number; waitMs: number; busy: boolean }) => void;
}

/** The server took no more bytes though it answered success: stop rather than loop. */
export class UploadStalledError extends Error {
  constructor() {
    super("The server stopped taking bytes of this file.");
  }
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new UploadAbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UploadAbortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function runChunkedUpload(deps: RunnerDeps, options: RunOptions): Promise<UploadResponse> {
  return new ChunkedRun(deps, options).run();
}

class ChunkedRun {
  private session: UploadSession | undefined;
  private readonly inFlight = new Map<number, number>();
  private readonly estimate = new ThroughputEstimate();
  private lastSize: number | undefined;
  /** Aborted by the caller's signal, or by the first part that fails for good (stops the others). */
  private readonly stop = new AbortController();
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly options: RunOptions,
  ) {
    this.session = options.session;
    this.sleep = deps.sleep ?? abortableSleep;
    this.now = deps.now ?? (() => performance.now());
    this.random = deps.random ?? Math.random;
    const outer = options.signal;
    if (outer?.aborted) this.stop.abort();
    outer?.addEventListener("abort", () => this.stop.abort(), { once: true });
  }

  private get signal(): AbortSignal {
    return this.stop.signal;
  }

  private get s(): UploadSession {
    if (!this.session) throw new Error("no upload session");
    return this.session;
  }

  private setSession(session: UploadSession): void {
    this.session = session;
    this.options.onSession?.(session);
  }

  private progress(): void {
    let loaded = storedBytes(this.s);
    for (const bytes of this.inFlight.values()) loaded += bytes;
    this.options.onProgress?.(Math.min(loaded, this.s.size));
  }

  async run(): Promise<UploadResponse> {
    const { api } = this.deps;
    const { file, path, overwrite } = this.options;
    if (!this.session) {
      const started = await this.withRetries(() =>
        api.start({ path, size: file.size, overwrite }, this.signal),
      );
      this.setSession(sessionFromStart(started));
    } else {
      const status = await this.withRetries(() => api.status(this.s.token, this.signal));
      const decision = decideResume(this.s, status);
      if (decision.kind === "restart") throw new Error(decision.reason);
      this.setSession(decision.session);
    }
    this.progress();
    if (this.s.mode === "multipart") await this.sendParallel();
    else await this.sendInOrder();
    return this.withRetries(() => api.complete(this.s.token, completeParts(this.s), this.signal));
  }

  /** Calls `send` until it succeeds, waiting between failures; `resync` runs before each retry. */
  private async withRetries<T>(
    send: () => Promise<T>,
    resync?: (error: unknown) => Promise<void>,
  ): Promise<T> {
    let failures = 0;
    let busy = 0;
    for (;;) {
      try {
        return await send();
      } catch (error) {
        if (this.signal.aborted) throw error instanceof UploadAbortedError ? error : new UploadAbortedError();
        const action = classifyFailure(error);
        if (action.kind === "stop" || action.kind === "fatal") throw error;
        if (action.kind === "busy") {
          if (++busy > MAX_BUSY_WAITS) throw error;
          const waitMs = action.waitMs ?? backoffMs(Math.min(busy, 6), this.random);
          this.options.onRetry?.({ attempt: busy, waitMs, busy: true });
          await this.sleep(waitMs, this.signal);
        } else {
          if (++failures >= MAX_ATTEMPTS) throw error;
          this.estimate.penalise();
          // The 409 that names the committed offset needs no wait: nothing failed, we were behind.
          const told = error instanceof ChunkedUploadError && error.committed !== undefined;
          const waitMs = told ? 0 : backoffMs(failures, this.random);
          this.options.onRetry?.({ attempt: failures, waitMs, busy: false });
          if (waitMs > 0) await this.sleep(waitMs, this.signal);
        }
        if (resync) await resync(error);
      }
    }
  }

  private chunkSize(remaining: number, partsLeft?: number): number {
    const size = nextChunkSize(this.s.limits, {
      remaining,
      bytesPerSecond: this.estimate.bytesPerSecond,
      previous: this.lastSize,
      partsLeft,
    });
    this.lastSize = size;
    return size;
  }

  /** Sends bytes [offset, offset + size) and returns the server's answer, measuring its speed. */
  private async sendChunk(offset: number, size: number, part?: number) {
    const free = await this.deps.slots?.acquire(this.signal);
    const started = this.now();
    this.inFlight.set(offset, 0);
    try {
      const res = await this.deps.api.chunk({
        token: this.s.token,
        offset,
        part,
        body: this.options.file.slice(offset, offset + size),
        signal: this.signal,
        onProgress: (loaded) => {
          this.inFlight.set(offset, Math.min(loaded, size));
          this.progress();
        },
      });
      this.estimate.record(size, this.now() - started);
      return res;
    } finally {
      free?.();
      this.inFlight.delete(offset);
    }
  }

  private async sendInOrder(): Promise<void> {
    let stalls = 0;
    while (this.s.committed < this.s.size) {
      const before = this.s.committed;
      await this.withRetries(
        async () => {
          const offset = this.s.committed;
          const size = this.chunkSize(this.s.size - offset);
          const res = await this.sendChunk(offset, size);
          this.setSession({ ...this.s, committed: res.committed ?? offset + size, token: res.token });
        },
        (error) => this.resyncInOrder(error),
      );
      this.progress();
      if (this.s.committed <= before && ++stalls > MAX_ATTEMPTS) throw new UploadStalledError();
    }
  }

  /** After a failed chunk: the 409's header, or else the server's status, says where to go on. */
  private async resyncInOrder(error: unknown): Promise<void> {
    let committed = error instanceof ChunkedUploadError ? error.committed : undefined;
    if (committed === undefined) {
      try {
        committed = (await this.deps.api.status(this.s.token, this.signal)).committed ?? undefined;
      } catch (statusError) {
        // Unreachable now: the next attempt tries again (and a wrong offset answers with the right one).
        const action = classifyFailure(statusError);
        if (action.kind === "fatal" || action.kind === "stop") throw statusError;
        return;
      }
    }
    if (committed !== undefined && committed <= this.s.size) this.setSession({ ...this.s, committed });
  }

  private async sendParallel(): Promise<void> {
    const again = unreceipted(this.s);
    const next = (): CutChunk | undefined => {
      const redo = again.shift();
      if (redo) return redo;
      const remaining = this.s.size - cutEnd(this.s);
      if (remaining <= 0) return undefined;
      const size = this.chunkSize(remaining, MAX_PARTS - this.s.cut.length);
      // Remembered before it is sent: after a reload the part is re-sent with the same number and size.
      const { session, chunk } = cutNext(this.s, size);
      this.setSession(session);
      return chunk;
    };
    let firstError: unknown;
    const worker = async () => {
      for (let chunk = next(); chunk && !this.signal.aborted; chunk = next()) {
        const c = chunk;
        await this.withRetries(async () => {
          const res = await this.sendChunk(c.offset, c.size, c.part);
          if (!res.receipt) throw new Error("The server's answer to a part had no receipt.");
          this.setSession(withReceipt(this.s, { ...c, receipt: res.receipt }, res.token));
          this.progress();
        });
      }
    };
    const workers = Array.from({ length: this.s.parallel }, () =>
      worker().catch((error: unknown) => {
        firstError ??= error;
        this.stop.abort();
      }),
    );
    await Promise.all(workers);
    if (firstError !== undefined) {
      // A pause or cancel shows as the abort; a real failure wins over the aborts it caused.
      throw firstError;
    }
    if (this.signal.aborted) throw new UploadAbortedError();
  }
}
