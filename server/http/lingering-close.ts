// A lingering close: an answer sent before the request body was read to its end (413, 409, an
// upstream failure) must still reach the client. The one helper for it: the app's streaming
// routes, and the local workspace's emulator and Apps proxy, which behave like real front ends.
import type { IncomingMessage } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";

/** How long, and how much of, an unread body is read and dropped after an early answer. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 64 * 1024 * 1024;

export interface LingerOptions {
  /** Default 2 s. */
  ms?: number;
  /** Default 64 MiB. */
  bytes?: number;
}

/**
 * Closing the connection right after an early answer makes the kernel reset it as soon as the
 * client's next bytes arrive, and a reset can destroy the answer before the client (or the Apps
 * proxy, still streaming the body) has read it: they see "connection reset" instead of our 409
 * or 413. So, like a web server's lingering close, what is left of the body is read and dropped,
 * within bounds: past LINGER_MS or LINGER_BYTES the connection is closed anyway. A body that
 * ends in time leaves the connection usable for the next request.
 */
export function dropRestOfBody(raw: IncomingMessage, options: LingerOptions = {}): void {
  if (raw.listenerCount("data") > 0 && raw.readableFlowing) return;
  const limit = options.bytes ?? LINGER_BYTES;
  let dropped = 0;
  const close = () => raw.socket?.destroy();
  const timer = setTimeout(close, options.ms ?? LINGER_MS);
  timer.unref();
  const done = () => clearTimeout(timer);
  raw.unpipe();
  raw.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > limit) close();
  });
  raw.once("end", done);
  raw.once("close", done);
  raw.on("error", () => {});
  raw.resume();
}

/** An onSend hook: what is left of an unread body is dropped within bounds (see dropRestOfBody). */
export async function lingerAfterEarlyAnswer<T>(
  request: FastifyRequest,
  _reply: FastifyReply,
  payload: T,
): Promise<T> {
  if (!request.raw.complete) dropRestOfBody(request.raw);
  return payload;
}
