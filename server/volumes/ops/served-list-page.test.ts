import { describe, expect, it } from "vitest";
import type { DirectoryEntry } from "../../databricks/list.js";
import { compareEntries, inDisplayOrder, servedListPage } from "./served-list-page.js";

const file = (name: string, extra: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  path: `/Volumes/c/s/v/${name}`,
  name,
  isDirectory: false,
  ...extra,
});
const dir = (name: string) => file(name, { isDirectory: true });
const names = (entries: readonly DirectoryEntry[]) => entries.map((e) => e.name);

describe("served list page", () => {
  it("puts directories first, then names in natural, case-insensitive order, ties by code unit", () => {
    const page = [file("b10.txt"), dir("zeta"), file("B2.txt"), file("a.txt"), dir("Alpha"), file("A.txt")];
    const served = JSON.parse(servedListPage({ entries: page }).json) as Array<{ name: string }>;
    expect(served.map((e) => e.name)).toEqual(["Alpha", "zeta", "A.txt", "a.txt", "B2.txt", "b10.txt"]);
  });

  it("leaves a page that is already in order as it is, and never reorders a shared page", () => {
    const sorted = [dir("a"), file("file-2"), file("file-10")];
    expect(inDisplayOrder(sorted)).toBe(sorted);
    const unsorted = [file("file-10"), file("file-2")];
    const copy = [...unsorted];
    expect(names(inDisplayOrder(unsorted))).toEqual(["file-2", "file-10"]);
    expect(unsorted).toEqual(copy);
  });

  it("agrees with a full sort for any order of the same entries", () => {
    const pool = ["a", "A", "a1", "a01", "a10", "a2", "ä", "_x", "-y", "Ω", "日本", "b", "B", "x 1", "x1"];
    const entries = pool.flatMap((n, i) => (i % 4 === 0 ? [dir(n), file(n)] : [file(n)]));
    const expected = names([...entries].sort(compareEntries));
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 50; round++) {
      const shuffled = [...entries];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j] as DirectoryEntry, shuffled[i] as DirectoryEntry];
      }
      expect(names(inDisplayOrder(shuffled))).toEqual(expected);
    }
  });

  it("writes exactly the API's entry shape, escaping names and keeping optional fields optional", () => {
    const page = {
      entries: [
        file('quote" back\\slash\nline\u2028.txt', { fileSize: 12, lastModified: 1_700_000_000_000 }),
        dir("folder"),
      ],
      nextPageToken: "next-1",
    };
    const served = servedListPage(page);
    expect(served.count).toBe(2);
    expect(served.nextPageToken).toBe("next-1");
    expect(JSON.parse(served.json)).toEqual([
      { path: "/Volumes/c/s/v/folder", name: "folder", is_directory: true },
      {
        path: '/Volumes/c/s/v/quote" back\\slash\nline\u2028.txt',
        name: 'quote" back\\slash\nline\u2028.txt',
        is_directory: false,
        file_size: 12,
        last_modified: 1_700_000_000_000,
      },
    ]);
    expect(servedListPage({ entries: [] })).toEqual({ json: "[]", count: 0 });
  });
});
