// The one owner of an upload's body on its way upstream: a pass-through that enforces every rule
// a streamed upload has, in one place, and says which one stopped it:
//   - the size limit: counted here (Fastify's bodyLimit does not apply to a pass-through body); the
//     byte past the limit is never passed on, so the PUT is aborted before anything is committed
//     (and a multipart parser's own cut, its `limit` event or `truncated`, counts the same);
//   - the minimum rate: fewer than `bytesPerSecond` over a window in which we were ready to take
//     more (a slow upstream pushing back does not count against the client);
//   - the idle gap: no bytes moving for `idleMs`, blamed on the client when the source is its
//     request body and it sent nothing while we had room, else on the upstream;
//   - an early end: a source that errors or closes before its end destroys the body, which makes
//     undici abort the request instead of ending it, so the Files API never commits a truncated
//     file; and undici, which destroys the body it was given, never destroys the caller's stream.
import { type Readable, Transform, type TransformCallback } from "node:stream";
import type { AppError } from "../errors/app-error.js";
import { payloadTooLarge, uploadStalled, uploadTooSlow } from "../errors/catalogue.js";
import { upstreamTimeout } from "./upstream-error.js";

export interface BodyRules {
  /** Longest gap with no bytes moving, on either side, before the transfer is cut. */
  idleMs: number;
  /** Refused past this many bytes (413), with the limit as the admin wrote it. */
  limit?: { bytes: number; label?: string };
  /** Cut when slower than this over `windowMs` while we had room (408); 0 disables. */
  minRate?: { bytesPerSecond: number; windowMs: number };
  /** The source emits `limit` (and sets `truncated`) when its parser cut it at the size limit. */
  watchLimitEvent?: boolean;
  /**
   * The source is a client's request body: a gap while it sent nothing and we had room is the
   * client's (408 UPLOAD_TOO_SLOW), not the upstream's (504 UPSTREAM_TIMEOUT, always otherwise).
   */
  sourceIsClient?: boolean;
  /** Names the transfer in an upstream-stall message. */
  operation?: string;
}

export interface GuardedBody {
  body: Transform;
  /** Bytes passed on so far. */
  bytes(): number;
  /** The rule that stopped the body, if one did (the error to answer with). */
  stopped(): AppError | undefined;
  /** Whether the source errored or closed before its end (the body was destroyed because of it). */
  sourceFailed(): boolean;
  /** Stops the timers and unhooks the source; safe to call more than once. */
  dispose(): void;
}

export class SourceClosedError extends Error {
  constructor(cause?: unknown) {
    super("The upload source ended before all of its bytes were read.", { cause });
    this.name = "SourceClosedError";
  }
}

const ignore = () => {};
const IDLE_SAMPLES = 4;
type Truncatable = Readable & { truncated?: boolean };

/** Pipes `source` through the rules; `onStop` runs once, with the error, when a rule stops it. */
export function guardBody(source: Readable, rules: BodyRules, onStop: (err: AppError) => void): GuardedBody {
  let total = 0;
  let inWindow = 0;
  let pushedBack = false;
  let stopped: AppError | undefined;
  let failed = false;

  const stop = (err: AppError) => {
    if (stopped) return;
    stopped = err;
    clearInterval(rateTimer);
    clearInterval(idleTimer);
    onStop(err);
  };

  const body = new Transform({
    highWaterMark: 64 * 1024,
    // Per chunk only counting: the idle and rate timers sample `total` instead of being reset here.
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (stopped) return callback();
      total += chunk.length;
      inWindow += chunk.length;
      if (rules.limit && total > rules.limit.bytes) {
        stop(payloadTooLarge(rules.limit.bytes, { limitLabel: rules.limit.label }));
        return callback();
      }
      if (!this.push(chunk)) pushedBack = true;
      callback();
    },
  });
  const waitingOnSource = () => body.readableLength === 0 && !body.writableEnded;

  // The idle gap is sampled IDLE_SAMPLES times per `idleMs`: a gap is noticed between idleMs and
  // idleMs plus one sample late, and no chunk pays for a timer reset.
  let totalAtSample = 0;
  let lastSourceByteAt = Date.now();
  const idleTimer = setInterval(
    () => {
      const now = Date.now();
      if (total !== totalAtSample) {
        totalAtSample = total;
        lastSourceByteAt = now;
        return;
      }
      if (now - lastSourceByteAt < rules.idleMs) return;
      if (rules.sourceIsClient && waitingOnSource()) stop(uploadStalled(rules.idleMs));
      else stop(upstreamTimeout(`${rules.operation ?? "upload"}: no bytes moved`, rules.idleMs));
    },
    Math.max(1, Math.floor(rules.idleMs / IDLE_SAMPLES)),
  );
  // Once everything is handed over, waiting for the answer is the request's own timeout's job.
  body.on("end", () => clearInterval(idleTimer));
  body.once("close", () => clearInterval(idleTimer));

  const minRate = rules.minRate && rules.minRate.bytesPerSecond > 0 ? rules.minRate : undefined;
  const rateTimer = setInterval(() => {
    if (!minRate) return;
    const busy = pushedBack || body.readableLength > 0 || body.writableLength > 0;
    if (!busy && !body.writableEnded && inWindow < (minRate.bytesPerSecond * minRate.windowMs) / 1000) {
      stop(uploadTooSlow(minRate.bytesPerSecond, minRate.windowMs));
    }
    inWindow = 0;
    pushedBack = false;
  }, minRate?.windowMs ?? 60_000);
  rateTimer.unref();
  if (!minRate) clearInterval(rateTimer);
  body.once("finish", () => clearInterval(rateTimer));
  body.once("close", () => clearInterval(rateTimer));

  const overLimit = () => payloadTooLarge(rules.limit?.bytes ?? total, { limitLabel: rules.limit?.label });
  const truncated = () => rules.watchLimitEvent === true && (source as Truncatable).truncated === true;
  const onLimit = () => stop(overLimit());
  const onError = (err: Error) => {
    failed = true;
    body.destroy(new SourceClosedError(err));
  };
  const onClose = () => {
    if (source.readableEnded) return;
    failed = true;
    body.destroy(new SourceClosedError());
  };
  if (rules.watchLimitEvent) {
    source.once("limit", onLimit);
    // A small part can arrive whole (and be cut) before this runs: its `limit` event is gone, but
    // `truncated` says so, and nothing may reach the Files API for it.
    if (truncated()) onLimit();
  }
  source.on("error", onError);
  source.on("close", onClose);
  source.pipe(body);
  if (source.errored) onError(source.errored);
  else if (source.destroyed) onClose();

  return {
    body,
    bytes: () => total,
    // A parser that cut the source ends it cleanly: that is no complete file either.
    stopped: () => stopped ?? (truncated() ? overLimit() : undefined),
    sourceFailed: () => failed,
    dispose() {
      clearInterval(idleTimer);
      clearInterval(rateTimer);
      source.off("limit", onLimit);
      source.off("error", onError);
      source.off("close", onClose);
      source.unpipe(body);
      // The caller may leave the rest of the source unread; an error on it later must not crash
      // the process just because our listener was the only one.
      if (source.listenerCount("error") === 0) source.on("error", ignore);
    },
  };
}
