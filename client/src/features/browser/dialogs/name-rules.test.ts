import { describe, expect, it } from "vitest";
import { checkChildName, checkDestination } from "./name-rules";

const ROOT = "/Volumes/c/s/v";

describe("dialog name rules", () => {
  it("accepts ordinary names, including #, % and spaces inside", () => {
    expect(checkChildName("new folder #1 (50%)", "a/b", ROOT)).toEqual({
      ok: true,
      path: "a/b/new folder #1 (50%)",
    });
    expect(checkChildName("x", "", ROOT)).toEqual({ ok: true, path: "x" });
  });

  it("explains empty names, slashes, dot segments, padding and control characters", () => {
    expect(checkChildName("", "", ROOT)).toEqual({ ok: false, reason: "Enter a name." });
    expect(checkChildName("a/b", "", ROOT)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("/"),
    });
    expect(checkChildName("..", "", ROOT)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^'\.' and '\.\.'/),
    });
    expect(checkChildName(" x", "", ROOT)).toMatchObject({ ok: false });
    expect(checkChildName("a\u202Eb", "", ROOT)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^The path contains/),
    });
  });

  it("takes destinations relative to the volume or absolute inside it", () => {
    expect(checkDestination("reports/2024/x.csv", ROOT)).toEqual({ ok: true, path: "reports/2024/x.csv" });
    expect(checkDestination("/Volumes/c/s/v/a/b", ROOT)).toEqual({ ok: true, path: "a/b" });
    expect(checkDestination("/Volumes/c/s/other/a", ROOT)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/outside this volume/),
    });
    expect(checkDestination("  ", ROOT)).toEqual({ ok: false, reason: "Enter a path." });
  });
});
