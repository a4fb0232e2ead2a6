import { describe, expect, it } from "vitest";
import { nextChunkSize, sizeBounds, TARGET_CHUNK_SECONDS, ThroughputEstimate } from "./chunk-sizing";

const MiB = 1024 * 1024;
const multipart = { minChunkSize: 5 * MiB, maxChunkSize: 128 * MiB, chunkMultiple: 1 };
const resumable = { minChunkSize: 5 * MiB, maxChunkSize: 128 * MiB, chunkMultiple: 256 * 1024 };

describe("nextChunkSize", () => {
  it("starts with the smallest allowed chunk before any speed is known", () => {
    expect(nextChunkSize(multipart, { remaining: 1024 * MiB, bytesPerSecond: undefined })).toBe(5 * MiB);
  });

  it("sizes a chunk to take the target time at the measured speed, at most doubling", () => {
    const speed = 10 * MiB;
    expect(nextChunkSize(multipart, { remaining: 1024 * MiB, bytesPerSecond: speed })).toBe(
      speed * TARGET_CHUNK_SECONDS,
    );
    expect(
      nextChunkSize(multipart, { remaining: 1024 * MiB, bytesPerSecond: speed, previous: 6 * MiB }),
    ).toBe(12 * MiB);
  });

  it("stays within the server's bounds and multiple", () => {
    expect(nextChunkSize(multipart, { remaining: 10_000 * MiB, bytesPerSecond: 1000 * MiB })).toBe(128 * MiB);
    expect(nextChunkSize(multipart, { remaining: 10_000 * MiB, bytesPerSecond: 1 })).toBe(5 * MiB);
    const size = nextChunkSize(resumable, { remaining: 1024 * MiB, bytesPerSecond: 7_777_777 });
    expect(size % (256 * 1024)).toBe(0);
    expect(size).toBeLessThanOrEqual(7_777_777 * TARGET_CHUNK_SECONDS);
    expect(sizeBounds({ minChunkSize: 5 * MiB + 1, maxChunkSize: 9 * MiB - 1, chunkMultiple: MiB })).toEqual({
      min: 6 * MiB,
      max: 8 * MiB,
    });
  });

  it("sends the rest as the last chunk instead of leaving a sliver", () => {
    expect(nextChunkSize(multipart, { remaining: 3 * MiB, bytesPerSecond: undefined })).toBe(3 * MiB);
    expect(nextChunkSize(multipart, { remaining: 7 * MiB, bytesPerSecond: undefined })).toBe(7 * MiB);
    expect(nextChunkSize(multipart, { remaining: 11 * MiB, bytesPerSecond: undefined })).toBe(5 * MiB);
    expect(nextChunkSize(multipart, { remaining: 0, bytesPerSecond: undefined })).toBe(0);
  });

  it("grows chunks so a multipart file fits in the parts left", () => {
    const remaining = 200_000 * MiB;
    const size = nextChunkSize(multipart, { remaining, bytesPerSecond: undefined, partsLeft: 10_000 });
    expect(size).toBe(20 * MiB);
  });
});

describe("ThroughputEstimate", () => {
  it("smooths samples and halves after a failure", () => {
    const t = new ThroughputEstimate();
    expect(t.bytesPerSecond).toBeUndefined();
    t.record(10 * MiB, 1000);
    expect(t.bytesPerSecond).toBe(10 * MiB);
    t.record(20 * MiB, 1000);
    expect(t.bytesPerSecond).toBe(15 * MiB);
    t.penalise();
    expect(t.bytesPerSecond).toBe(7.5 * MiB);
    t.record(0, 0);
    expect(t.bytesPerSecond).toBe(7.5 * MiB);
  });
});
