import { describe, expect, it } from "vitest";
import { addSample, formatDuration, type Sample, secondsLeft, speedOf, WINDOW_MS } from "./transfer-stats";

describe("transfer stats", () => {
  it("measures speed over the recent window only", () => {
    let samples: Sample[] = [];
    // 1 MB/s for 5 s, then a stall: the window forgets the fast start.
    for (let t = 0; t <= 5000; t += 500) samples = addSample(samples, { at: t, loaded: t * 1000 });
    expect(speedOf(samples)).toBeCloseTo(1_000_000, -3);
    for (let t = 5500; t <= 5000 + WINDOW_MS + 500; t += 500)
      samples = addSample(samples, { at: t, loaded: 5_000_000 });
    expect(speedOf(samples)).toBe(0);
    expect(samples.length).toBeLessThan(12);
  });

  it("needs two samples a moment apart before it reports a speed", () => {
    expect(speedOf([{ at: 0, loaded: 0 }])).toBeUndefined();
    expect(
      speedOf([
        { at: 0, loaded: 0 },
        { at: 100, loaded: 10 },
      ]),
    ).toBeUndefined();
  });

  it("computes and formats the time left", () => {
    expect(secondsLeft(250, 1000, 50)).toBe(15);
    expect(secondsLeft(0, 1000, 0)).toBeUndefined();
    expect(formatDuration(14.2)).toBe("15 s");
    expect(formatDuration(150)).toBe("3 min");
    expect(formatDuration(3900)).toBe("1 h 5 min");
    expect(formatDuration(7200)).toBe("2 h");
  });
});
