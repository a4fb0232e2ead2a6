// Builds what chunked uploads share in one process, from the app's upload settings.
import type { UploadsConfig } from "../../../config/types.js";
import type { ChunkedUploadDeps } from "./deps.js";
import { createHeldOpenRegistry } from "./held-open.js";
import { createChunkLimiter } from "./in-flight.js";
import { createUploadSealer } from "./upload-token.js";

/** Part URLs live long enough for one chunk under the Apps proxy's 120 s limit, and not much more. */
const PART_URL_TTL_MS = 15 * 60_000;

export function createChunkedUploadDeps(uploads: UploadsConfig): ChunkedUploadDeps {
  return {
    sealer: createUploadSealer(uploads.secret),
    heldOpen: createHeldOpenRegistry({ idleMs: uploads.idleMs }),
    limiter: createChunkLimiter(uploads.maxChunksInFlight),
    idleMs: uploads.idleMs,
    partUrlTtlMs: PART_URL_TTL_MS,
  };
}
