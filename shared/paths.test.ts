import { describe, expect, it } from "vitest";
import {
  ancestorsAndSelf,
  baseName,
  childPath,
  isSameOrInside,
  joinVolumePath,
  MAX_PATH_BYTES,
  MAX_SEGMENT_BYTES,
  normaliseRelativePath,
  parentOf,
  parsePastedPath,
  toVolumeUri,
  utf8Length,
} from "./paths.js";

const ROOT = "/Volumes/c/s/v";

function ok(input: string): string {
  const result = normaliseRelativePath(input, ROOT);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to be accepted: ${result.reason}`);
  return result.path;
}

function reason(input: string): string {
  const result = normaliseRelativePath(input, ROOT);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${result.path}`);
  return result.reason;
}

describe("normaliseRelativePath: accepted forms", () => {
  it.each([
    ["", ""],
    ["/", ""],
    ["a", "a"],
    ["a/b.csv", "a/b.csv"],
    ["a/b/", "a/b"],
    ["/a/b.csv", "a/b.csv"],
    ["/Volumes/c/s/v", ""],
    ["/Volumes/c/s/v/", ""],
    ["/Volumes/c/s/v/a/b.csv", "a/b.csv"],
    ["dbfs:/Volumes/c/s/v/a/b.csv", "a/b.csv"],
    ["DBFS:/Volumes/c/s/v/dir/", "dir"],
    // A relative path may name a folder called Volumes; only a leading slash makes it absolute.
    ["Volumes/c/s/v/x", "Volumes/c/s/v/x"],
  ])("%j -> %j", (input, expected) => {
    expect(ok(input)).toBe(expected);
  });

  it("keeps names that only look encoded: the framework already decoded once", () => {
    expect(ok("%2e%2e")).toBe("%2e%2e");
    expect(ok("a/%2e%2e/b")).toBe("a/%2e%2e/b");
    expect(ok(".%2E")).toBe(".%2E");
    expect(ok("..%2f")).toBe("..%2f");
    expect(ok("100% #1 ?x;y.txt")).toBe("100% #1 ?x;y.txt");
  });

  it("allows dots that are not whole segments", () => {
    expect(ok(".hidden/..a/b..")).toBe(".hidden/..a/b..");
    expect(ok("...")).toBe("...");
  });

  it("normalises to NFC so NFD and NFC spellings are the same file", () => {
    const nfd = "Cafe\u0301/re\u0301sume\u0301.txt";
    const nfc = "Caf\u00e9/r\u00e9sum\u00e9.txt";
    expect(ok(nfd)).toBe(nfc);
    expect(ok(nfc)).toBe(nfc);
    expect(ok(`/Volumes/c/s/v/${nfd}`)).toBe(nfc);
  });

  it("accepts non-Latin names and emoji", () => {
    expect(ok("日本/データ 📊.csv")).toBe("日本/データ 📊.csv");
  });
});

describe("normaliseRelativePath: traversal and escapes", () => {
  it.each([
    "..",
    "../x",
    "a/../b",
    "a/..",
    ".",
    "./a",
    "a/./b",
    // What `..%2f` and `%2e%2e%2f` arrive as after the framework decoded them once.
    "../etc/passwd",
    "/Volumes/c/s/v/../v2/x",
    "/Volumes/c/s/v/a/../../v2",
  ])("rejects dot segments: %j", (input) => {
    expect(reason(input)).toMatch(/'\.' and '\.\.'/);
  });

  it.each([
    "/Volumes/c/s/v2/x",
    "/Volumes/c/s/vx",
    "/Volumes/c/s/vx/a",
    "/Volumes/c/s",
    "/Volumes",
    "/Volumes/",
    "/Volumes/c/s2/v/a",
    "/Volumes/C/s/v/a",
    "/volumes/c/s/v/a",
    "/VOLUMES/c/s/v",
    "dbfs:/Volumes/c/s/v2/a",
  ])("rejects absolute paths outside this volume: %j", (input) => {
    expect(reason(input)).toMatch(/outside this volume/);
  });

  it("rejects dbfs: paths that are not volume paths", () => {
    expect(reason("dbfs:/tmp/x")).toMatch(/under \/Volumes/);
    expect(reason("dbfs:Volumes/c/s/v/x")).toMatch(/under \/Volumes/);
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["newline", "a\nb"],
    ["carriage return", "a\rb"],
    ["tab", "a\tb"],
    ["DEL", "a\u007fb"],
    ["C1 control", "a\u0085b"],
    ["right-to-left override", "evil\u202etxt.exe"],
    ["left-to-right isolate", "a\u2066b"],
    ["zero-width space", "a\u200bb"],
    ["zero-width joiner", "a\u200db"],
    ["right-to-left mark", "a\u200fb"],
    ["byte order mark", "\ufeffa"],
    ["line separator", "a\u2028b"],
  ])("rejects a %s", (_name, input) => {
    expect(reason(input)).toMatch(/control, bidi or invisible/);
  });

  it("rejects a backslash, which some servers treat as a separator", () => {
    expect(reason("a\\b")).toMatch(/is not allowed in a path/);
    expect(reason("..\\x")).toMatch(/is not allowed in a path/);
  });

  it("rejects lone surrogates, which cannot be encoded for the upstream URL", () => {
    expect(reason("a\ud800b")).toMatch(/lone surrogate/);
    expect(reason("a\udc00")).toMatch(/lone surrogate/);
  });

  it("rejects empty segments in the middle and at the start", () => {
    expect(reason("a//b")).toMatch(/empty segment/);
    expect(reason("//a")).toMatch(/empty segment/);
    expect(reason("a//")).toMatch(/empty segment/);
    expect(reason("/Volumes/c/s/v//a")).toMatch(/empty segment/);
  });
});

describe("normaliseRelativePath: lengths", () => {
  it("allows a 255-byte name and rejects 256 bytes, counting UTF-8 bytes", () => {
    expect(ok("a".repeat(MAX_SEGMENT_BYTES))).toHaveLength(255);
    expect(reason("a".repeat(MAX_SEGMENT_BYTES + 1))).toMatch(/longer than 255 bytes/);
    // 85 three-byte characters = 255 bytes; one more is 258.
    expect(ok("日".repeat(85))).toHaveLength(85);
    expect(reason("日".repeat(86))).toMatch(/longer than 255 bytes/);
  });

  it("limits the absolute path to 4096 bytes", () => {
    const prefix = `${ROOT}/`.length;
    const segment = "x".repeat(200);
    const segments: string[] = [];
    while ((segments.length + 1) * 201 < MAX_PATH_BYTES - prefix) segments.push(segment);
    const fits = segments.join("/");
    const padded = `${fits}/${"y".repeat(MAX_PATH_BYTES - prefix - fits.length - 1)}`;
    expect(utf8Length(`${ROOT}/${padded}`)).toBe(MAX_PATH_BYTES);
    expect(ok(padded)).toBe(padded);
    expect(reason(`${padded}z`)).toMatch(/longer than 4096 bytes/);
    expect(reason("a/".repeat(100_000))).toMatch(/longer than 4096 bytes/);
  });

  it("counts UTF-8 bytes, including surrogate pairs", () => {
    expect(utf8Length("a")).toBe(1);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("日")).toBe(3);
    expect(utf8Length("📊")).toBe(4);
    expect(utf8Length("a日📊")).toBe(new TextEncoder().encode("a日📊").length);
  });
});

describe("path helpers", () => {
  it("joins a canonical relative path onto the volume root", () => {
    expect(joinVolumePath(ROOT, "")).toBe("/Volumes/c/s/v");
    expect(joinVolumePath(ROOT, "a/b.csv")).toBe("/Volumes/c/s/v/a/b.csv");
    expect(joinVolumePath(`${ROOT}/`, "Volumes/x")).toBe("/Volumes/c/s/v/Volumes/x");
    expect(toVolumeUri(ROOT, "日本/x #1.txt")).toBe("/Volumes/c/s/v/日本/x #1.txt");
  });

  it("refuses to join anything that is not canonical", () => {
    for (const bad of ["../x", "a/../../b", "/a", "a/", "a//b", "/Volumes/c/s/v2/x", "Cafe\u0301"]) {
      expect(() => joinVolumePath(ROOT, bad)).toThrow(/canonical/);
    }
    expect(() => joinVolumePath("/Volumes/c/s", "a")).toThrow(/not a volume root/);
  });

  it("finds parents, base names and children", () => {
    expect(parentOf("a/b/c.txt")).toBe("a/b");
    expect(parentOf("a")).toBe("");
    expect(parentOf("")).toBe("");
    expect(baseName("a/b/c.txt")).toBe("c.txt");
    expect(baseName("a")).toBe("a");
    expect(baseName("")).toBe("");
    expect(childPath("", "a")).toBe("a");
    expect(childPath("a/b", "c")).toBe("a/b/c");
  });

  it("tests containment segment-wise", () => {
    expect(isSameOrInside("a/b", "a")).toBe(true);
    expect(isSameOrInside("a", "a")).toBe(true);
    expect(isSameOrInside("anything", "")).toBe(true);
    expect(isSameOrInside("ab", "a")).toBe(false);
    expect(isSameOrInside("a", "a/b")).toBe(false);
    expect(ancestorsAndSelf("")).toEqual([""]);
    expect(ancestorsAndSelf("a/b/c")).toEqual(["", "a", "a/b", "a/b/c"]);
  });
});

describe("parsePastedPath", () => {
  const volumes = [
    { key: "main", path: "/Volumes/c/s/v" },
    { key: "other", path: "/Volumes/c/s/v2" },
  ];

  it("finds the volume of an absolute or dbfs: path, not confusing prefix siblings", () => {
    expect(parsePastedPath("/Volumes/c/s/v/dir/a.csv", volumes)).toEqual({
      volumeKey: "main",
      path: "dir/a.csv",
    });
    expect(parsePastedPath("/Volumes/c/s/v2/dir", volumes)).toEqual({ volumeKey: "other", path: "dir" });
    expect(parsePastedPath("dbfs:/Volumes/c/s/v2/", volumes)).toEqual({ volumeKey: "other", path: "" });
    expect(parsePastedPath("  /Volumes/c/s/v/dir/\n", volumes)).toEqual({ volumeKey: "main", path: "dir" });
  });

  it("resolves a relative path against the current volume", () => {
    expect(parsePastedPath("dir/sub", volumes, "other")).toEqual({ volumeKey: "other", path: "dir/sub" });
    expect(parsePastedPath("/dir/sub/", volumes, "main")).toEqual({ volumeKey: "main", path: "dir/sub" });
  });

  it("returns undefined for unknown volumes and invalid paths", () => {
    expect(parsePastedPath("/Volumes/c/s/vx/a", volumes)).toBeUndefined();
    expect(parsePastedPath("/volumes/c/s/v/a", volumes, "main")).toBeUndefined();
    expect(parsePastedPath("dir", volumes)).toBeUndefined();
    expect(parsePastedPath("../x", volumes, "main")).toBeUndefined();
    expect(parsePastedPath("/Volumes/c/s/v/../v2/x", volumes)).toBeUndefined();
  });
});
