// A process-wide cap on chunks being moved at once. Each chunk in flight holds bounded buffers
// (stream high-water marks, never a whole chunk), so the cap bounds the memory uploads use
// whatever the number of uploads; one more is turned away at once with 503 + Retry-After rather
// than queued, so a burst never piles up open requests behind the proxy's 120 s limit.
import { AppError } from "../../../errors/app-error.js";

export interface ChunkLimiter {
  /** Returns the release, or throws 503 UPLOADS_BUSY. */
  acquire(): () => void;
  inFlight(): number;
}

export function createChunkLimiter(max: number): ChunkLimiter {
  let current = 0;
  return {
    acquire() {
      if (current >= max) {
        throw new AppError(
          503,
          "UPLOADS_BUSY",
          "The server is moving as many chunks as it can; send this one again shortly.",
          {
            headers: { "retry-after": "1" },
          },
        );
      }
      current++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        current--;
      };
    },
    inFlight: () => current,
  };
}
