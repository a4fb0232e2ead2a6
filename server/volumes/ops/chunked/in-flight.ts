import { uploadsBusy } from "../../../errors/catalogue.js";

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
        throw uploadsBusy();
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
