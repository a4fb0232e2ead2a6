// The body of an upstream PUT: the caller's stream piped through a watchdog. It exists so that
// (1) a stalled transfer, on either side, is cut after the idle timeout while a slow but moving
// one is not; (2) a source that errors or closes early destroys the body, which makes undici
// abort the request instead of ending it, so the Files API never commits a truncated file; and
// (3) undici, which destroys the body it was given when it finishes, never destroys the caller's
// stream: the caller decides whether to drain or drop what is left.
import { type Readable, Transform, type TransformCallback } from "node:stream";

export interface GuardedBody {
  body: Transform;
  /** Whether the source errored or closed before its end (the body was destroyed because of it). */
  sourceFailed(): boolean;
  /** Stops the watchdog and unhooks the source; safe to call more than once. */
  dispose(): void;
}

export class SourceClosedError extends Error {
  constructor(cause?: unknown) {
    super("The upload source ended before all of its bytes were read.", { cause });
    this.name = "SourceClosedError";
  }
}

const ignore = () => {};

export function guardBody(source: Readable, idleMs: number, onStall: () => void): GuardedBody {
  let timer: NodeJS.Timeout | undefined = setTimeout(onStall, idleMs);
  const body = new Transform({
    highWaterMark: 64 * 1024,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      timer?.refresh();
      callback(null, chunk);
    },
  });

  // Once undici has read everything, waiting for the answer is its headers timeout's job.
  body.on("end", () => clearTimeout(timer));
  let failed = false;
  const onError = (err: Error) => {
    failed = true;
    body.destroy(new SourceClosedError(err));
  };
  const onClose = () => {
    if (source.readableEnded) return;
    failed = true;
    body.destroy(new SourceClosedError());
  };
  source.on("error", onError);
  source.on("close", onClose);
  source.pipe(body);
  if (source.errored) onError(source.errored);
  else if (source.destroyed) onClose();

  return {
    body,
    sourceFailed: () => failed,
    dispose() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      source.off("error", onError);
      source.off("close", onClose);
      source.unpipe(body);
      // The caller may leave the rest of the source unread; an error on it later must not crash
      // the process just because our listener was the only one.
      if (source.listenerCount("error") === 0) source.on("error", ignore);
    },
  };
}
