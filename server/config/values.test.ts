import { describe, expect, it } from "vitest";
import { isScriptCapableMimeType, parseContentTypes } from "./content-types.js";
import { closestMatch, editDistance } from "./did-you-mean.js";
import { formatDuration, parseDuration } from "./durations.js";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["5m", 300_000],
    ["5 min", 300_000],
    ["250ms", 250],
    ["1.5s", 1500],
    ["2h", 7_200_000],
    ["1500", 1500],
    ["0", 0],
  ])("parses %j as %d ms", (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each([
    ["-1s", "negative"],
    ["5 days", 'unknown unit "days"'],
    ["soon", "not a number"],
    ["", "not a number"],
  ])("rejects %j", (text, reason) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("formats with the largest exact unit", () => {
    expect([30_000, 300_000, 7_200_000, 1500, 0].map(formatDuration)).toEqual([
      "30s",
      "5m",
      "2h",
      "1500ms",
      "0ms",
    ]);
  });
});

describe("parseContentTypes", () => {
  it("parses pairs, lower-cases extensions and types, keeps parameters", () => {
    expect(
      parseContentTypes(" .avro=application/avro, .NDJSON = application/x-ndjson ,.tar.gz=application/gzip,"),
    ).toEqual({
      ok: true,
      types: {
        ".avro": "application/avro",
        ".ndjson": "application/x-ndjson",
        ".tar.gz": "application/gzip",
      },
    });
    expect(parseContentTypes(".log=Text/Plain;charset=utf-8")).toEqual({
      ok: true,
      types: { ".log": "text/plain; charset=utf-8" },
    });
  });

  it("collects every bad entry", () => {
    const result = parseContentTypes("avro=application/avro,.x,.y=not a type,.a=a/b,.a=a/c,.h=text/html");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons).toEqual([
      'extension "avro" must start with a dot (write ".avro")',
      '".x" is not of the form .ext=type/subtype',
      '"not a type" (for .y) is not a MIME type such as application/avro',
      ".a is mapped twice",
      expect.stringContaining(".h=text/html is refused: browsers can run script"),
    ]);
  });

  it.each([
    "text/html",
    "TEXT/HTML; charset=utf-8",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/xml",
    "application/xml",
    "application/rss+xml",
  ])("refuses the script-capable type %s", (mime) => {
    expect(isScriptCapableMimeType(mime)).toBe(true);
    expect(parseContentTypes(`.x=${mime}`).ok).toBe(false);
  });

  it.each(["text/plain", "application/json", "image/png", "application/pdf", "text/csv"])(
    "accepts %s",
    (mime) => {
      expect(isScriptCapableMimeType(mime)).toBe(false);
    },
  );
});

describe("did-you-mean", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("UPLAOD", "UPLOAD")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests only plausible candidates, ignoring case", () => {
    expect(
      closestMatch("FILES_UPLOADS_MAX_UPLAOD_SIZE", ["FILES_UPLOADS_MAX_UPLOAD_SIZE", "FILES_AUTH"]),
    ).toBe("FILES_UPLOADS_MAX_UPLOAD_SIZE");
    expect(closestMatch("files_auth", ["FILES_AUTH"])).toBe("FILES_AUTH");
    expect(closestMatch("completely-different", ["public-read", "deny-all"])).toBeUndefined();
    expect(closestMatch("write", ["write-actions", "read-actions"])).toBe("write-actions");
  });
});
