import type { DirectoryEntry } from "@shared/api/files";
import { describe, expect, it } from "vitest";
import { compareNames, filterEntries, nameKey, nextSort, sortEntries } from "./sort-entries";

const file = (name: string, size?: number, modified?: number): DirectoryEntry => ({
  path: `/Volumes/c/s/v/${name}`,
  name,
  is_directory: false,
  ...(size === undefined ? {} : { file_size: size }),
  ...(modified === undefined ? {} : { last_modified: modified }),
});
const dir = (name: string, modified?: number): DirectoryEntry => ({
  path: `/Volumes/c/s/v/${name}`,
  name,
  is_directory: true,
  ...(modified === undefined ? {} : { last_modified: modified }),
});

const names = (entries: DirectoryEntry[]) => entries.map((e) => e.name);

describe("sortEntries", () => {
  const entries = [
    file("b.txt", 30, 3),
    dir("zeta"),
    file("file-10.txt", 10, 1),
    dir("Alpha", 5),
    file("file-2.txt", 20, 2),
  ];

  it("puts directories first and sorts names naturally and case-insensitively", () => {
    expect(names(sortEntries(entries, { key: "name", order: "asc" }))).toEqual([
      "Alpha",
      "zeta",
      "b.txt",
      "file-2.txt",
      "file-10.txt",
    ]);
  });

  it("keeps directories first when descending", () => {
    expect(names(sortEntries(entries, { key: "name", order: "desc" }))).toEqual([
      "zeta",
      "Alpha",
      "file-10.txt",
      "file-2.txt",
      "b.txt",
    ]);
  });

  it("sorts by size and by modified time, missing values as smallest", () => {
    expect(names(sortEntries(entries, { key: "size", order: "desc" }))).toEqual([
      "Alpha",
      "zeta",
      "b.txt",
      "file-2.txt",
      "file-10.txt",
    ]);
    expect(names(sortEntries(entries, { key: "modified", order: "asc" }))).toEqual([
      "zeta",
      "Alpha",
      "file-10.txt",
      "file-2.txt",
      "b.txt",
    ]);
  });

  it("is total: names equal under collation still get a fixed order", () => {
    const a = sortEntries([file("a.txt"), file("A.txt")], { key: "name", order: "asc" });
    const b = sortEntries([file("A.txt"), file("a.txt")], { key: "name", order: "asc" });
    expect(names(a)).toEqual(names(b));
  });

  it("does not mutate its input", () => {
    const input = [file("b"), file("a")];
    sortEntries(input, { key: "name", order: "asc" });
    expect(names(input)).toEqual(["b", "a"]);
  });
});

describe("filterEntries", () => {
  const entries = [file("Résumé.pdf"), file("notes.txt"), dir("Reports")];
  it("matches substrings ignoring case and accents", () => {
    expect(names([...filterEntries(entries, "resume")])).toEqual(["Résumé.pdf"]);
    expect(names([...filterEntries(entries, "RE")])).toEqual(["Résumé.pdf", "Reports"]);
    expect(filterEntries(entries, "  ")).toBe(entries);
    expect(filterEntries(entries, "zzz")).toEqual([]);
  });
});

describe("nextSort", () => {
  it("toggles the order on the same key and picks a sensible first order for a new key", () => {
    expect(nextSort({ key: "name", order: "asc" }, "name")).toEqual({ key: "name", order: "desc" });
    expect(nextSort({ key: "name", order: "asc" }, "size")).toEqual({ key: "size", order: "desc" });
    expect(nextSort({ key: "size", order: "desc" }, "name")).toEqual({ key: "name", order: "asc" });
  });
});

describe("nameKey", () => {
  it("orders numbers by value, ignoring case and accents, and stays total", () => {
    const sorted = ["file-10.txt", "File-2.txt", "file-1.txt", "été.txt", "ete.txt", "a-02", "a-2"].sort(
      compareNames,
    );
    expect(sorted).toEqual(["a-02", "a-2", "ete.txt", "été.txt", "file-1.txt", "File-2.txt", "file-10.txt"]);
    expect(nameKey("Row-007.CSV")).toBe(nameKey("row-7.csv"));
  });
});
