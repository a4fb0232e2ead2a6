// What chunk sizes each mode accepts, and why (docs/uploads.md#limits-and-memory).
import { FILES_API_MAX_UPLOAD } from "../../../config/values.js";
import { invalidChunk, payloadTooLarge, tooLarge } from "../../../errors/catalogue.js";
import type { ChunkedMode } from "./upload-token.js";

const MiB = 1024 * 1024;
/** S3's rules for multipart parts: at most 10,000, each at least 5 MiB except the last. */
export const MAX_PARTS = 10_000;
export const MIN_PART_BYTES = 5 * MiB;
/** GCS commits resumable chunks in whole 256 KiB units; every chunk but the last is a multiple. */
export const RESUMABLE_GRANULE = 256 * 1024;
/** Small enough that a chunk crosses the Apps proxy (120 s) at a few MB/s. */
export const MAX_CHUNK_BYTES = 128 * MiB;
const SUGGESTED_CHUNK_BYTES = 16 * MiB;
/** Chunks of one file the client may send at once (multipart only: the others are in order). */
const MULTIPART_PARALLEL = 4;

export interface ChunkRules {
  chunkSize: number;
  minChunkSize: number;
  maxChunkSize: number;
  chunkMultiple: number;
  parallel: number;
}

export function chunkRules(mode: ChunkedMode, size: number): ChunkRules {
  const min =
    mode === "multipart"
      ? Math.max(MIN_PART_BYTES, Math.ceil(size / MAX_PARTS))
      : mode === "resumable"
        ? RESUMABLE_GRANULE
        : 1;
  const multiple = mode === "resumable" ? RESUMABLE_GRANULE : 1;
  const suggested = Math.min(MAX_CHUNK_BYTES, Math.max(min, SUGGESTED_CHUNK_BYTES));
  return {
    chunkSize: Math.floor(suggested / multiple) * multiple,
    minChunkSize: min,
    maxChunkSize: MAX_CHUNK_BYTES,
    chunkMultiple: multiple,
    parallel: mode === "multipart" ? MULTIPART_PARALLEL : 1,
  };
}

/** Checks one chunk against the declared size and the mode's rules, before any byte moves. */
export function checkChunk(mode: ChunkedMode, declared: number, offset: number, size: number): void {
  if (offset + size > declared) {
    throw tooLarge(
      `The chunk [${offset}, ${offset + size}) goes beyond the ${declared} bytes declared when the upload started.`,
    );
  }
  const rules = chunkRules(mode, declared);
  if (size > rules.maxChunkSize) {
    throw invalidChunk(`A chunk may hold at most ${rules.maxChunkSize} bytes; this one has ${size}.`);
  }
  const last = offset + size === declared;
  if (!last && size < rules.minChunkSize) {
    throw invalidChunk(
      `Every chunk but the last needs at least ${rules.minChunkSize} bytes; this one has ${size}.`,
    );
  }
  if (!last && size % rules.chunkMultiple !== 0) {
    throw invalidChunk(`Every chunk but the last must be a multiple of ${rules.chunkMultiple} bytes.`);
  }
}

/** The size limit on a declaration or a token: the volume's, and one PUT's for held-open. */
export function checkDeclaredSize(
  mode: ChunkedMode | undefined,
  size: number,
  volume: { maxUploadSize: number; maxUploadSizeLabel: string },
): void {
  if (size > volume.maxUploadSize)
    throw payloadTooLarge(volume.maxUploadSize, { limitLabel: volume.maxUploadSizeLabel });
  if (mode === "held-open" && size > FILES_API_MAX_UPLOAD) {
    throw tooLarge(
      "This workspace offers no multipart or resumable uploads, so a file can have at most 5 GiB (one PUT).",
    );
  }
}
