import { describe, expect, it } from "vitest";
import { compileGlob, GlobError } from "./glob.js";

function matches(pattern: string, path: string, isDirectory?: boolean): boolean {
  return compileGlob(pattern).matches(path, isDirectory);
}

describe("compileGlob matching", () => {
  it("keeps * and ? inside one segment", () => {
    expect(matches("reports/*.csv", "reports/q1.csv")).toBe(true);
    expect(matches("reports/*.csv", "reports/2024/q1.csv")).toBe(false);
    expect(matches("reports/q?.csv", "reports/q1.csv")).toBe(true);
    expect(matches("reports/q?.csv", "reports/q10.csv")).toBe(false);
    expect(matches("*", "a.txt")).toBe(true);
    expect(matches("*", "a/b.txt")).toBe(false);
    expect(matches("*", "")).toBe(false);
  });

  it("lets ** span any number of segments, including none", () => {
    expect(matches("reports/**", "reports/a")).toBe(true);
    expect(matches("reports/**", "reports/a/b/c.csv")).toBe(true);
    expect(matches("reports/**/*.csv", "reports/q1.csv")).toBe(true);
    expect(matches("reports/**/*.csv", "reports/2024/q1/x.csv")).toBe(true);
    expect(matches("reports/**/*.csv", "reports/2024/x.txt")).toBe(false);
    expect(matches("**", "")).toBe(true);
    expect(matches("**", "any/depth/at/all")).toBe(true);
    expect(matches("**/secret", "a/b/secret")).toBe(true);
    expect(matches("a/**/**/b", "a/b")).toBe(true);
  });

  it("matches the folder itself for a trailing /**, but not a file of that name", () => {
    expect(matches("reports/**", "reports")).toBe(true);
    expect(matches("reports/**", "reports", true)).toBe(true);
    expect(matches("reports/**", "reports", false)).toBe(false);
    expect(matches("reports/**", "reports/q1.csv", false)).toBe(true);
  });

  it("compares whole segments, so a sibling with the same prefix does not match", () => {
    expect(matches("reports/**", "reports-old/a")).toBe(false);
    expect(matches("reports/**", "reportsx")).toBe(false);
    expect(matches("reports", "reports/a")).toBe(false);
  });

  it("treats regex characters literally and is case-sensitive", () => {
    expect(matches("a+b/(x).txt", "a+b/(x).txt")).toBe(true);
    expect(matches("a.b", "axb")).toBe(false);
    expect(matches("Reports/**", "reports/a")).toBe(false);
    expect(matches("données/*", "données/é.txt")).toBe(true);
  });

  it("normalises to NFC on both sides", () => {
    const decomposed = "cafe\u0301";
    expect(matches(`${decomposed}/**`, "caf\u00e9/menu.pdf")).toBe(true);
  });
});

describe("compileGlob validation", () => {
  it.each([
    ["", "empty"],
    ["/reports/**", 'write "reports/**"'],
    ["reports/", 'write "reports/**"'],
    ["a//b", "empty segment"],
    ["a/../b", '".." segments'],
    ["./a", '"." segments'],
    ["a**", "whole path segment"],
    ["a\\b", '"\\"'],
    ["{a,b}/**", "not supported"],
    ["[ab]*", "not supported"],
    ["a\u0000b", "control character"],
  ])("rejects %j", (pattern, message) => {
    expect(() => compileGlob(pattern)).toThrow(GlobError);
    expect(() => compileGlob(pattern)).toThrow(message);
  });
});

describe("literalPrefix", () => {
  it.each([
    ["reports/**", "reports"],
    ["reports/2024/*.csv", "reports/2024"],
    ["a/**/b", "a"],
    ["exact/file.txt", "exact/file.txt"],
    ["*.csv", ""],
    ["**", ""],
  ])("of %j is %j", (pattern, prefix) => {
    expect(compileGlob(pattern).literalPrefix).toBe(prefix);
  });
});
