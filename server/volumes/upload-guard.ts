// The stream an upload passes through on its way to the Files API. It counts bytes itself
// (Fastify's bodyLimit does not apply to a pass-through body) and reports a violation instead
// of passing on a byte past the limit, so the caller can abort the upstream PUT before the Files
// API could commit anything. It also cuts uploads that trickle: fewer than `minBytesPerSecond`
// over a window in which we were ready to take more (a slow upstream pushing back does not
// count against the client).
import { Transform, type TransformCallback } from "node:stream";
import { AppError, payloadTooLarge } from "../errors/app-error.js";

export interface UploadGuardOptions {
  limit: number;
  /** The limit as the admin wrote it, for the 413 message. */
  limitLabel?: string;
  /** 0 disables the rate check. */
  minBytesPerSecond: number;
  windowMs: number;
  /** Called once, on the first violation; the guard passes nothing on after it. */
  onViolation: (err: AppError) => void;
}

export interface UploadGuard {
  stream: Transform;
  bytes(): number;
  violation(): AppError | undefined;
  violate(err: AppError): void;
  /** The source has sent nothing for `ms` while we had room for more: the client stalled, not us. */
  sourceIdleFor(ms: number): boolean;
  dispose(): void;
}

export const uploadTooSlow = (minBytesPerSecond: number, windowMs: number) =>
  new AppError(
    408,
    "UPLOAD_TOO_SLOW",
    `The upload was stopped: it sent fewer than ${minBytesPerSecond} bytes per second over ${Math.round(windowMs / 1000)} s.`,
  );

export const uploadStalled = (ms: number) =>
  new AppError(
    408,
    "UPLOAD_TOO_SLOW",
    `The upload was stopped: no bytes arrived for ${Math.round(ms / 1000)} s.`,
  );

export function createUploadGuard(options: UploadGuardOptions): UploadGuard {
  let total = 0;
  let inWindow = 0;
  let pushedBack = false;
  let lastByteAt = Date.now();
  let violation: AppError | undefined;

  const violate = (err: AppError) => {
    if (violation) return;
    violation = err;
    clearInterval(timer);
    options.onViolation(err);
  };

  const stream = new Transform({
    highWaterMark: 64 * 1024,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      lastByteAt = Date.now();
      if (violation) return callback();
      total += chunk.length;
      inWindow += chunk.length;
      if (total > options.limit) {
        violate(payloadTooLarge(options.limit, { limitLabel: options.limitLabel }));
        return callback();
      }
      if (!this.push(chunk)) pushedBack = true;
      callback();
    },
  });

  const threshold = (options.minBytesPerSecond * options.windowMs) / 1000;
  const timer = setInterval(() => {
    const busy = pushedBack || stream.readableLength > 0 || stream.writableLength > 0;
    if (!busy && !stream.writableEnded && inWindow < threshold) {
      violate(uploadTooSlow(options.minBytesPerSecond, options.windowMs));
    }
    inWindow = 0;
    pushedBack = false;
  }, options.windowMs);
  timer.unref();
  if (options.minBytesPerSecond <= 0) clearInterval(timer);
  stream.once("finish", () => clearInterval(timer));
  stream.once("close", () => clearInterval(timer));

  return {
    stream,
    bytes: () => total,
    violation: () => violation,
    violate,
    // A source that has sent its last byte is done, not stalled: waiting is the upstream's doing.
    sourceIdleFor: (ms) =>
      Date.now() - lastByteAt >= ms && stream.readableLength === 0 && !stream.writableEnded && !violation,
    dispose: () => clearInterval(timer),
  };
}
