import { describe, expect, it } from "vitest";
import { noteWrite, notModified, SETTLE_MS, weakEtag, writeGeneration } from "./validators.js";

const modified = "Tue, 01 Dec 2026 10:00:00 GMT";
const later = (ms: number) => new Date(Date.parse(modified) + ms).toUTCString();

describe("validators", () => {
  it("are weak, and settled only once the mtime's second cannot take another write", () => {
    const fresh = weakEtag({ size: 10, lastModified: modified, date: later(1_000), generation: 0 });
    const settled = weakEtag({ size: 10, lastModified: modified, date: later(SETTLE_MS), generation: 0 });
    expect(fresh).toMatch(/^W\/".*-u"$/);
    expect(settled).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"$/);
    // No date to compare with: never settled.
    expect(weakEtag({ size: 10, date: later(60_000), generation: 0 })).toMatch(/-u"$/);
  });

  it("answer 304 only for a settled tag, by weak comparison", () => {
    const settled = weakEtag({ size: 10, lastModified: modified, date: later(60_000), generation: 0 });
    const fresh = weakEtag({ size: 10, lastModified: modified, date: later(0), generation: 0 });
    expect(notModified(settled, settled)).toBe(true);
    expect(notModified(`"x", ${settled.slice(2)}`, settled)).toBe(true);
    expect(notModified(fresh, fresh)).toBe(false);
    // The tag a client got while unsettled never matches the settled one for the same mtime.
    expect(notModified(fresh, settled)).toBe(false);
    expect(notModified("*", fresh)).toBe(true);
  });

  it("change with every write to the path or a folder above it, and only those", () => {
    const volume = "main.validators.test";
    const before = writeGeneration(volume, "a/b/c.txt");
    const other = writeGeneration(volume, "x.txt");
    noteWrite(volume, "a/b/c.txt", false);
    const afterOwn = writeGeneration(volume, "a/b/c.txt");
    expect(afterOwn).toBeGreaterThan(before);
    noteWrite(volume, "a", true);
    expect(writeGeneration(volume, "a/b/c.txt")).toBeGreaterThan(afterOwn);
    noteWrite(volume, "a/b", false); // the folder's own entry, not its contents
    expect(writeGeneration(volume, "x.txt")).toBe(other);
    const tag = (generation: number) =>
      weakEtag({ size: 10, lastModified: modified, date: later(60_000), generation });
    expect(tag(afterOwn)).not.toBe(tag(before));
  });
});
