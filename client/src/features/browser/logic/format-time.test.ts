import { describe, expect, it } from "vitest";
import { formatCompactTime, formatExactTime, formatRelativeTime } from "./format-time";

describe("time formatting", () => {
  const now = Date.UTC(2024, 5, 15, 12, 0, 0);
  it("describes recent and future times relatively", () => {
    const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe(rtf.format(-5, "minute"));
    expect(formatRelativeTime(now - 26 * 3600_000, now)).toBe(rtf.format(-1, "day"));
    expect(formatRelativeTime(now + 2 * 3600_000, now)).toBe(rtf.format(2, "hour"));
    expect(formatRelativeTime(now - 400 * 86400_000, now)).toBe(rtf.format(-1, "year"));
  });

  it("gives a longer exact form than the compact one, with the year", () => {
    expect(formatExactTime(now).length).toBeGreaterThan(formatCompactTime(now).length);
    expect(formatExactTime(now)).toContain("2024");
  });
});
