import { describe, expect, it } from "vitest";
import { contentTypeFor, DEFAULT_CONTENT_TYPE, inlineDisposition, mimeEssence } from "./content-types.js";

describe("contentTypeFor", () => {
  it.each([
    ["data.csv", "text/csv; charset=utf-8"],
    ["DATA.CSV", "text/csv; charset=utf-8"],
    ["x.json", "application/json"],
    ["x.jsonl", "application/x-ndjson"],
    ["x.ndjson", "application/x-ndjson"],
    ["part-0001.snappy.parquet", "application/vnd.apache.parquet"],
    ["a.png", "image/png"],
    ["a.JPG", "image/jpeg"],
    ["a.jpeg", "image/jpeg"],
    ["a.gif", "image/gif"],
    ["a.webp", "image/webp"],
    ["a.svg", "image/svg+xml"],
    ["a.pdf", "application/pdf"],
    ["README.md", "text/markdown; charset=utf-8"],
    ["nb.ipynb", "application/x-ipynb+json"],
    ["a.wav", "audio/wav"],
    ["a.mp3", "audio/mpeg"],
    ["a.mp4", "video/mp4"],
    ["page.html", "text/html; charset=utf-8"],
    ["feed.xml", "application/xml"],
    ["dir/sub/job.py", "text/plain; charset=utf-8"],
    ["query.sql", "text/plain; charset=utf-8"],
  ])("%s -> %s", (name, type) => {
    expect(contentTypeFor(name)).toBe(type);
  });

  it("serves JavaScript and TypeScript sources as plain text, never a script type", () => {
    for (const name of ["app.js", "mod.mjs", "x.cjs", "view.jsx", "index.ts", "view.tsx"]) {
      expect(contentTypeFor(name)).toBe("text/plain; charset=utf-8");
    }
  });

  it("falls back to octet-stream for unknown, missing or dot-only extensions", () => {
    for (const name of ["blob.xyz", "Makefile", ".env", ".bashrc", "trailing.", "", "a.tar.unknown"]) {
      expect(contentTypeFor(name)).toBe(DEFAULT_CONTENT_TYPE);
    }
  });

  it("lets the admin's extra types win, with or without the dot, including multi-part extensions", () => {
    const extra = {
      ".avro": "application/avro+binary",
      ndjson: "application/jsonl",
      ".tar.gz": "application/x-gtar",
    };
    expect(contentTypeFor("a.avro", extra)).toBe("application/avro+binary");
    expect(contentTypeFor("a.NDJSON", extra)).toBe("application/jsonl");
    expect(contentTypeFor("backup.tar.gz", extra)).toBe("application/x-gtar");
    expect(contentTypeFor("other.gz", extra)).toBe("application/gzip");
    expect(contentTypeFor("backup.tar.gz")).toBe("application/gzip");
    expect(contentTypeFor("a.csv", extra)).toBe("text/csv; charset=utf-8");
  });
});

describe("inlineDisposition", () => {
  it.each([
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "audio/wav",
    "audio/mpeg",
    "video/mp4",
    "text/plain; charset=utf-8",
    "text/csv; charset=utf-8",
    "text/markdown; charset=utf-8",
    "application/json",
    "Application/JSON; charset=UTF-8",
  ])("serves %s inline", (type) => {
    expect(inlineDisposition(type)).toBe("inline");
  });

  it.each([
    "text/html",
    "text/html; charset=utf-8",
    "TEXT/HTML",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/vbscript",
    "application/x-shockwave-flash",
    "application/pdf",
    "application/octet-stream",
    "application/vnd.apache.parquet",
    "",
    "nonsense",
    "image/svg+xml; charset=utf-8",
  ])("serves %j as an attachment", (type) => {
    expect(inlineDisposition(type)).toBe("attachment");
  });

  it("never serves inline what the extension map calls HTML, SVG, XML or script", () => {
    for (const name of ["x.html", "x.htm", "x.xhtml", "x.svg", "x.xml", "x.pdf", "x.wasm", "x.bin"]) {
      expect(inlineDisposition(contentTypeFor(name))).toBe("attachment");
    }
    // An admin mapping an extension to a dangerous type cannot make it inline either.
    expect(inlineDisposition(contentTypeFor("x.txt", { txt: "text/html" }))).toBe("attachment");
  });

  it("extracts the essence of a content type", () => {
    expect(mimeEssence(" Text/Plain ; charset=utf-8")).toBe("text/plain");
    expect(mimeEssence("image/png")).toBe("image/png");
  });
});
