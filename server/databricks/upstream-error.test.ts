import { describe, expect, it } from "vitest";
import { filesApiPathname } from "./paths.js";
import { backoffDelay } from "./retry.js";
import { fromHttpFailure, parseErrorBody, parseRetryAfter } from "./upstream-error.js";

describe("parseErrorBody", () => {
  it("re-reads error_code, message and the ErrorInfo reason from the raw body", () => {
    const body = JSON.stringify({
      error_code: "PERMISSION_DENIED",
      message: "User does not have READ VOLUME on Volume 'c.s.v'.",
      details: [
        { "@type": "type.googleapis.com/google.rpc.RequestInfo", request_id: "x" },
        { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "FILES_API_PERMISSION_DENIED" },
      ],
    });
    const err = fromHttpFailure({ status: 403, bodyText: body, headers: {}, operation: "GET files" });
    expect(err).toMatchObject({
      status: 403,
      code: "PERMISSION_DENIED",
      message: "User does not have READ VOLUME on Volume 'c.s.v'.",
      reason: "FILES_API_PERMISSION_DENIED",
      upstreamStatus: 403,
      retryable: false,
    });
  });

  it("ignores bodies that are not Databricks errors, and codes that are not codes", () => {
    expect(parseErrorBody("<html>502 Bad Gateway</html>")).toEqual({});
    expect(parseErrorBody(JSON.stringify({ error_code: "<script>", message: "" }))).toEqual({});
  });

  it("turns a 5xx into 502 and a 3xx into 502, keeping only the operation in the message", () => {
    for (const status of [500, 503, 302]) {
      const err = fromHttpFailure({ status, bodyText: "", headers: {}, operation: "GET directories" });
      expect(err).toMatchObject({ status: 502, code: "UPSTREAM_ERROR", upstreamStatus: status });
      expect(err.message).toBe(`The Databricks Files API failed (GET directories: HTTP ${status}).`);
    }
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("is full-jitter exponential and capped", () => {
    const policy = { max: 10, baseDelayMs: 100, maxTotalMs: 60_000 };
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 3, () => 0.999)).toBe(399);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
    expect(backoffDelay(policy, 20, () => 0.999)).toBeLessThanOrEqual(5_000);
  });
});

describe("filesApiPathname", () => {
  it("encodes every segment so reserved characters stay inside their segment", () => {
    expect(filesApiPathname("files", "/Volumes/c/s/v/a #?%;b/日本.csv")).toBe(
      "/api/2.0/fs/files/Volumes/c/s/v/a%20%23%3F%25%3Bb/%E6%97%A5%E6%9C%AC.csv",
    );
    expect(filesApiPathname("directories", "/Volumes/c/s/v/")).toBe("/api/2.0/fs/directories/Volumes/c/s/v");
  });
});
