import { describe, expect, it } from "vitest";
import { formatSize, formatSizeAsWritten, GiB, KiB, MiB, parseSize, parseSizeDetailed } from "./sizes.js";

describe("parseSize", () => {
  it.each([
    ["1048576", 1_048_576],
    ["0", 0],
    ["500MB", 500_000_000],
    ["500 mb", 500_000_000],
    ["5GiB", 5 * GiB],
    ["5 gib", 5 * GiB],
    ["1.5 GB", 1_500_000_000],
    ["1.5KiB", 1536],
    ["64MiB", 64 * MiB],
    ["2TB", 2_000_000_000_000],
    ["1TiB", 1024 ** 4],
    ["12B", 12],
    ["  7 KB  ", 7000],
    [".5KiB", 512],
    ["+3KB", 3000],
  ])("parses %j as %d bytes", (input, bytes) => {
    expect(parseSize(input)).toBe(bytes);
  });

  it("rounds fractional byte results to the nearest byte", () => {
    expect(parseSize("1.0005KB")).toBe(1001);
    expect(parseSize("1.0004KB")).toBe(1000);
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "not a number"],
    ["-5MB", "negative"],
    ["1.5", "whole number"],
    ["5 XB", 'unknown unit "XB"'],
    ["5M", 'unknown unit "M"'],
    ["5 GB extra", "not a number"],
    ["1e9", "not a number"],
    ["99999999 PiB", "too large"],
  ])("rejects %j (%s)", (input, reason) => {
    expect(parseSize(input)).toBeUndefined();
    const result = parseSizeDetailed(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe("formatSize", () => {
  it.each([
    [0, "0 B"],
    [1, "1 B"],
    [1023, "1023 B"],
    [KiB, "1 KiB"],
    [1536, "1.5 KiB"],
    [1_258_291, "1.2 MiB"],
    [512 * MiB, "512 MiB"],
    [5 * GiB, "5 GiB"],
    [12.5 * GiB, "12.5 GiB"],
    [1024 * MiB - 1, "1 GiB"],
    [1024 ** 4, "1 TiB"],
    [-2048, "-2 KiB"],
  ])("formats %d as %j", (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it("round-trips with parseSize for whole IEC values", () => {
    for (const text of ["5 GiB", "64 MiB", "1 KiB", "3 TiB"]) {
      const bytes = parseSize(text);
      expect(bytes).toBeDefined();
      expect(formatSize(bytes ?? 0)).toBe(text);
    }
  });
});

describe("formatSizeAsWritten", () => {
  it.each([
    ["1MB", "1 MB"],
    ["500 mb", "500 MB"],
    ["5GiB", "5 GiB"],
    ["1.50gb", "1.5 GB"],
    ["1048576", "1 MiB"],
    ["1000000", "1 MB"],
    ["1000", "1 KB"],
    ["1234", "1234 B"],
    ["2048000", "2000 KiB"],
    ["512b", "512 B"],
  ])("shows %j as %j", (raw, shown) => {
    expect(formatSizeAsWritten(raw)).toBe(shown);
  });

  it("is undefined for what is not a size", () => {
    expect(formatSizeAsWritten("lots")).toBeUndefined();
  });
});
