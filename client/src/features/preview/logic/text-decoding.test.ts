import { describe, expect, it } from "vitest";
import { decodeAs, decodeChunks, sniffBytes, splitLines } from "./text-decoding";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeChunks", () => {
  it("joins a multi-byte character cut between two ranges", () => {
    const bytes = utf8("naïve — 日本");
    // Cut inside "ï" (2 bytes) and inside "日" (3 bytes).
    const cuts = [3, 12];
    const chunks = [bytes.subarray(0, cuts[0]), bytes.subarray(cuts[0], cuts[1]), bytes.subarray(cuts[1])];
    expect(decodeChunks(chunks, true)).toEqual({ text: "naïve — 日本" });
  });

  it("holds back a cut character at the end of what was loaded so far", () => {
    const bytes = utf8("ab€");
    const partial = decodeChunks([bytes.subarray(0, 3)], false);
    expect(partial).toEqual({ text: "ab" });
    // …but at the real end of the file a cut character is an error, not silently dropped.
    expect(decodeChunks([bytes.subarray(0, 3)], true).problem).toBe("encoding");
  });

  it("reports Latin-1 text as another encoding and keeps what decoded before it", () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café\n" in Latin-1
    const result = decodeChunks([utf8("ok\n"), latin1], true);
    expect(result).toEqual({ text: "ok\n", problem: "encoding", problemAt: 3 });
  });

  it("reports NUL bytes as binary", () => {
    expect(decodeChunks([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])], false).problem).toBe(
      "binary",
    );
  });

  it("drops a UTF-8 byte-order mark", () => {
    expect(decodeChunks([Uint8Array.from([0xef, 0xbb, 0xbf, 0x61])], true).text).toBe("a");
  });
});

describe("sniffBytes", () => {
  it("tells UTF-8, UTF-16, 8-bit text and binary apart", () => {
    expect(sniffBytes(utf8("plain text, ünïcode\n"))).toBe("utf-8");
    expect(sniffBytes(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))).toBe("utf-16le");
    expect(sniffBytes(Uint8Array.from([0xfe, 0xff, 0x00, 0x61]))).toBe("utf-16be");
    expect(sniffBytes(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x21]))).toBe("8-bit");
    expect(sniffBytes(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), true)).toBe("8-bit");
    expect(sniffBytes(Uint8Array.from([1, 2, 3, 4, 5, 6, 65, 66]))).toBe("binary");
    expect(sniffBytes(Uint8Array.from([65, 0, 66]))).toBe("binary");
  });

  it("does not call UTF-8 cut at the end of the sample anything else", () => {
    expect(sniffBytes(utf8("abc€").subarray(0, 5))).toBe("utf-8");
  });

  it("decodes what it recognised", () => {
    expect(decodeAs(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), "8-bit")).toBe("café");
    expect(decodeAs(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), "utf-16le")).toBe("a");
  });
});

describe("splitLines", () => {
  it("splits on LF, CRLF and CR", () => {
    expect(splitLines("a\r\nb\nc\rd")).toEqual(["a", "b", "c", "d"]);
  });
});
