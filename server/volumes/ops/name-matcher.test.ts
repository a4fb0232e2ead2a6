import { describe, expect, it } from "vitest";
import { isGlob, nameMatcher } from "./name-matcher.js";

const matches = (query: string, names: string[]) => names.filter(nameMatcher(query));

describe("nameMatcher", () => {
  it("finds a substring anywhere in the name, ignoring case", () => {
    expect(matches("report", ["Q1-Report.pdf", "reports", "rep.txt", "REPORT"])).toEqual([
      "Q1-Report.pdf",
      "reports",
      "REPORT",
    ]);
  });

  it("takes regular-expression characters in a substring literally", () => {
    expect(matches("a.b(1)", ["a.b(1).txt", "axb(1).txt", "a.b1"])).toEqual(["a.b(1).txt"]);
  });

  it("matches a glob against the whole name", () => {
    expect(matches("*.csv", ["sales.csv", "sales.CSV", "sales.csv.bak", "csv"])).toEqual([
      "sales.csv",
      "sales.CSV",
    ]);
    expect(matches("row-00?.csv", ["row-001.csv", "row-0001.csv", "row-00.csv"])).toEqual(["row-001.csv"]);
  });

  it("supports classes, ranges and negation", () => {
    expect(matches("[ab]*", ["apple", "Banana", "cherry"])).toEqual(["apple", "Banana"]);
    expect(matches("file-[0-2].txt", ["file-0.txt", "file-2.txt", "file-3.txt"])).toEqual([
      "file-0.txt",
      "file-2.txt",
    ]);
    expect(matches("[!a]*", ["apple", "berry"])).toEqual(["berry"]);
    expect(matches("[]x]", ["]", "x", "y"])).toEqual(["]", "x"]);
  });

  it("treats an unclosed [ as a literal", () => {
    expect(matches("a[b", ["a[b", "ab"])).toEqual(["a[b"]);
  });

  it("counts ? as one character, also beyond the BMP, and folds non-ASCII case", () => {
    expect(matches("?.png", ["😀.png", "ab.png"])).toEqual(["😀.png"]);
    expect(matches("ÉTÉ*", ["été-2024.jpg"])).toEqual(["été-2024.jpg"]);
  });

  it("compares composed and decomposed spellings alike", () => {
    expect(matches("café", ["cafe\u0301.txt"])).toEqual(["cafe\u0301.txt"]);
  });

  it("says which queries are globs", () => {
    expect(isGlob("*.csv")).toBe(true);
    expect(isGlob("a?")).toBe(true);
    expect(isGlob("[x]")).toBe(true);
    expect(isGlob("plain name")).toBe(false);
  });

  it("matches many stars in time linear in the name, not exponential", () => {
    const started = performance.now();
    const hostile = nameMatcher(`${"*a".repeat(60)}*b`);
    for (let i = 0; i < 100; i++) expect(hostile("a".repeat(250))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(nameMatcher("*a*b*")("xxaxxbxx")).toBe(true);
    expect(nameMatcher("a**b")("ab")).toBe(true);
  });

  it("stays fast for the longest query the search accepts (500 characters) on a long name", () => {
    // A RegExp-compiling glob library (picomatch) takes minutes on `*a*a…*b` against 80 `a`s;
    // see docs/decisions.md. The two-pointer matcher is bounded by name × pattern length.
    const started = performance.now();
    const hostile = nameMatcher(`${"*a".repeat(249)}*b`);
    for (let i = 0; i < 20; i++) expect(hostile("a".repeat(1024))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
