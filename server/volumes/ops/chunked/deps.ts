// What chunked uploads share across requests in one process: the sealer (key from the shared
// secret), the held-open sessions, the cap on chunks in flight, and the settings.
import type { HeldOpenRegistry } from "./held-open.js";
import type { ChunkLimiter } from "./in-flight.js";
import type { UploadSealer } from "./upload-token.js";

export interface ChunkedUploadDeps {
  sealer: UploadSealer;
  heldOpen: HeldOpenRegistry;
  limiter: ChunkLimiter;
  /** FILES_UPLOAD_IDLE_MINUTES in ms: an upload with no chunk for this long expires. */
  idleMs: number;
  /** How long the part URLs asked for stay valid. */
  partUrlTtlMs: number;
}
