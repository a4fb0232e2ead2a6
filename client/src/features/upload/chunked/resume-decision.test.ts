import { describe, expect, it } from "vitest";
import { decideResume } from "./resume-decision";
import { type UploadSession, withReceipt } from "./upload-session";

const base: UploadSession = {
  token: "t",
  mode: "resumable",
  path: "x.bin",
  size: 100,
  limits: { minChunkSize: 10, maxChunkSize: 50, chunkMultiple: 1 },
  parallel: 1,
  committed: 20,
  cut: [],
  receipts: [],
};
const status = (
  committed: number | null,
  over: Partial<{ mode: UploadSession["mode"]; size: number }> = {},
) => ({
  mode: base.mode,
  path: base.path,
  size: base.size,
  committed,
  ...over,
});

describe("decideResume", () => {
  it("in order: continues from the server's committed offset, even behind the client's", () => {
    expect(decideResume(base, status(60))).toEqual({ kind: "continue", session: { ...base, committed: 60 } });
    expect(decideResume(base, status(10))).toEqual({ kind: "continue", session: { ...base, committed: 10 } });
  });

  it("commits at once when everything is stored", () => {
    expect(decideResume(base, status(100)).kind).toBe("complete");
  });

  it("restarts when the server describes another upload", () => {
    expect(decideResume(base, status(null)).kind).toBe("restart");
    expect(decideResume(base, status(101)).kind).toBe("restart");
    expect(decideResume(base, status(0, { size: 99 })).kind).toBe("restart");
    expect(decideResume(base, status(0, { mode: "held-open" })).kind).toBe("restart");
  });

  it("multipart: the receipts decide", () => {
    const cut = [
      { part: 1, offset: 0, size: 50 },
      { part: 2, offset: 50, size: 50 },
    ];
    let s: UploadSession = { ...base, mode: "multipart", committed: 0, cut };
    s = withReceipt(s, { ...cut[0], receipt: "r1" } as never, "t");
    const multipart = status(null, { mode: "multipart" });
    expect(decideResume(s, multipart).kind).toBe("continue");
    s = withReceipt(s, { ...cut[1], receipt: "r2" } as never, "t");
    expect(decideResume(s, multipart).kind).toBe("complete");
  });
});
