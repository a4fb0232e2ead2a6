// How big the next chunk is. Each chunk is its own request and the Apps proxy cuts a request at
// about 120 s (and a test proxy may cut much sooner), so a chunk should take about
// TARGET_CHUNK_SECONDS at the speed measured so far: big enough that per-request overhead does
// not matter, small enough that a failed chunk costs little and never meets the proxy's limit.

/** The server's rules for chunk sizes (StartUploadResponse). */
export interface ChunkLimits {
  minChunkSize: number;
  maxChunkSize: number;
  /** Every chunk but the last is a multiple of this. */
  chunkMultiple: number;
}

export const TARGET_CHUNK_SECONDS = 2;
/** S3's limit on parts in one multipart upload. */
export const MAX_PARTS = 10_000;

/** Smallest and largest sizes a chunk that is not the last may have. */
export function sizeBounds(limits: ChunkLimits): { min: number; max: number } {
  const multiple = Math.max(1, limits.chunkMultiple);
  const min = Math.ceil(Math.max(1, limits.minChunkSize) / multiple) * multiple;
  const max = Math.max(min, Math.floor(limits.maxChunkSize / multiple) * multiple);
  return { min, max };
}

export interface SizeInput {
  remaining: number;
  /** Bytes per second one chunk request achieved lately; undefined before the first chunk. */
  bytesPerSecond: number | undefined;
  /** The previous chunk's size: a chunk at most doubles, so one fast sample cannot overshoot. */
  previous?: number;
  /** Multipart: part numbers still free; chunks grow so that the file fits in them. */
  partsLeft?: number;
}

export function nextChunkSize(limits: ChunkLimits, input: SizeInput): number {
  const { remaining } = input;
  if (remaining <= 0) return 0;
  const { min, max } = sizeBounds(limits);
  // Before anything is measured the smallest chunk is the safe guess: it is over in moments.
  let want = input.bytesPerSecond === undefined ? min : input.bytesPerSecond * TARGET_CHUNK_SECONDS;
  if (input.previous !== undefined) want = Math.min(want, input.previous * 2);
  if (input.partsLeft !== undefined && input.partsLeft > 0) {
    want = Math.max(want, Math.ceil(remaining / input.partsLeft));
  }
  const multiple = Math.max(1, limits.chunkMultiple);
  let size = Math.floor(Math.min(max, Math.max(min, want)) / multiple) * multiple;
  size = Math.max(min, size);
  // The last chunk may be smaller than the minimum; rather than leave a sliver for a last
  // request of its own, take the rest now when it fits in one chunk.
  if (size >= remaining || (remaining - size < min && remaining <= max)) return remaining;
  return size;
}

/** Per-request throughput, smoothed so one slow or fast chunk does not swing the next size. */
export class ThroughputEstimate {
  private rate: number | undefined;

  get bytesPerSecond(): number | undefined {
    return this.rate;
  }

  record(bytes: number, ms: number): void {
    if (bytes <= 0 || ms <= 0) return;
    const sample = (bytes * 1000) / ms;
    this.rate = this.rate === undefined ? sample : this.rate * 0.5 + sample * 0.5;
  }

  /** A chunk failed (maybe cut for taking too long): be more careful with the next ones. */
  penalise(): void {
    if (this.rate !== undefined) this.rate /= 2;
  }
}
