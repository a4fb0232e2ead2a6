import { describe, expect, it } from "vitest";
import {
  completeParts,
  cutEnd,
  cutNext,
  isFullyStored,
  receiptsCoverFile,
  sessionFromStart,
  storedBytes,
  unreceipted,
  withReceipt,
} from "./upload-session";

const start = (mode: "multipart" | "resumable", parallel = 4) =>
  sessionFromStart({
    token: "t0",
    mode,
    path: "a/b.bin",
    size: 25,
    chunkSize: 10,
    minChunkSize: 5,
    maxChunkSize: 20,
    chunkMultiple: 1,
    parallel,
    idleSeconds: 60,
  });

describe("upload session bookkeeping", () => {
  it("numbers multipart chunks in the order they are cut", () => {
    let s = start("multipart");
    const a = cutNext(s, 10);
    s = a.session;
    const b = cutNext(s, 10);
    s = b.session;
    expect([a.chunk, b.chunk]).toEqual([
      { part: 1, offset: 0, size: 10 },
      { part: 2, offset: 10, size: 10 },
    ]);
    expect(cutEnd(s)).toBe(20);
  });

  it("keeps one receipt per part, the newest token, and knows when they cover the file", () => {
    let s = start("multipart");
    for (const size of [10, 10, 5]) s = cutNext(s, size).session;
    s = withReceipt(s, { part: 2, offset: 10, size: 10, receipt: "r2" }, "t1");
    s = withReceipt(s, { part: 1, offset: 0, size: 10, receipt: "r1" }, "t2");
    expect(unreceipted(s)).toEqual([{ part: 3, offset: 20, size: 5 }]);
    expect(storedBytes(s)).toBe(20);
    expect(receiptsCoverFile(s)).toBe(false);
    // A re-sent part replaces its earlier receipt rather than counting twice.
    s = withReceipt(s, { part: 2, offset: 10, size: 10, receipt: "r2b" }, "t3");
    s = withReceipt(s, { part: 3, offset: 20, size: 5, receipt: "r3" }, "t4");
    expect(s.token).toBe("t4");
    expect(storedBytes(s)).toBe(25);
    expect(isFullyStored(s)).toBe(true);
    expect(completeParts(s)).toEqual(["r1", "r2b", "r3"]);
  });

  it("in-order modes count the committed offset and send no parts", () => {
    const s = { ...start("resumable", 4), committed: 25 };
    expect(s.parallel).toBe(1);
    expect(storedBytes(s)).toBe(25);
    expect(isFullyStored(s)).toBe(true);
    expect(completeParts(s)).toBeUndefined();
  });
});
