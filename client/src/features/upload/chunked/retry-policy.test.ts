import { describe, expect, it } from "vitest";
import { ChunkedUploadError } from "@/api/files/chunked-upload";
import { UploadAbortedError } from "@/api/files/http-transport";
import { ApiError } from "@/lib/api-client";
import { BACKOFF_MAX_MS, backoffMs, classifyFailure, MAX_RETRY_AFTER_MS } from "./retry-policy";

const api = (status: number, code: string) => new ApiError(status, code, `${code} message`);

describe("backoffMs", () => {
  it("doubles per attempt, jittered within the upper half, and is bounded", () => {
    expect(backoffMs(1, () => 0)).toBe(250);
    expect(backoffMs(1, () => 1)).toBe(500);
    expect(backoffMs(2, () => 0)).toBe(500);
    expect(backoffMs(4, () => 1)).toBe(4000);
    expect(backoffMs(30, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(30, () => 0)).toBe(BACKOFF_MAX_MS / 2);
    const spread = new Set(Array.from({ length: 20 }, () => backoffMs(3)));
    expect(spread.size).toBeGreaterThan(1);
  });
});

describe("classifyFailure", () => {
  it("retries network failures, 5xx, 429 and a wrong offset", () => {
    expect(classifyFailure(new TypeError("reset"))).toEqual({ kind: "retry" });
    expect(classifyFailure(api(502, "UPSTREAM_ERROR"))).toEqual({ kind: "retry" });
    expect(classifyFailure(api(503, "UPLOAD_CHUNK_RETRY"))).toEqual({ kind: "retry" });
    expect(classifyFailure(api(429, "TOO_MANY_REQUESTS"))).toEqual({ kind: "retry" });
    expect(classifyFailure(api(409, "UPLOAD_OFFSET_MISMATCH"))).toEqual({ kind: "retry" });
  });

  it("waits as long as a busy server says, within a bound", () => {
    const busy = (ms?: number) => new ChunkedUploadError(api(503, "UPLOADS_BUSY"), ms);
    expect(classifyFailure(busy(2000))).toEqual({ kind: "busy", waitMs: 2000 });
    expect(classifyFailure(busy(3_600_000))).toEqual({ kind: "busy", waitMs: MAX_RETRY_AFTER_MS });
    expect(classifyFailure(busy())).toEqual({ kind: "busy", waitMs: undefined });
  });

  it("ends the upload with a message to start again when the session is gone", () => {
    for (const error of [
      api(410, "UPLOAD_EXPIRED"),
      api(409, "UPLOAD_SESSION_LOST"),
      api(400, "UPLOAD_TOKEN_INVALID"),
    ]) {
      const action = classifyFailure(error);
      expect(action.kind).toBe("fatal");
      expect(action.kind === "fatal" && action.message).toMatch(/Start the upload again\.$/);
    }
    expect(classifyFailure(api(403, "UPLOAD_NOT_YOURS"))).toEqual({
      kind: "fatal",
      message: "UPLOAD_NOT_YOURS message",
    });
    expect(classifyFailure(api(413, "TOO_LARGE")).kind).toBe("fatal");
  });

  it("stops quietly on pause or cancel", () => {
    expect(classifyFailure(new UploadAbortedError())).toEqual({ kind: "stop" });
  });
});
