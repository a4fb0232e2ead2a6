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

  it("reads the invalid-token 403 (numeric error_code) as refused credentials, not a missing grant", () => {
    // The answer Databricks sends, as logged in databricks-sdk-go issues 873 and 917.
    const err = fromHttpFailure({
      status: 403,
      bodyText: JSON.stringify({ error_code: 403, message: "Invalid access token." }),
      headers: { "x-databricks-reason-phrase": "Invalid access token." },
      operation: "GET files",
    });
    expect(err).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
      message: "Databricks did not accept the access token (Invalid access token).",
      upstreamStatus: 403,
      credentialsRejected: true,
      retryable: false,
    });
    expect(parseErrorBody(JSON.stringify({ error_code: 403, message: "m" }))).toEqual({
      numericCode: 403,
      message: "m",
    });
    // A HEAD has no body: the reason phrase header still tells the two 403s apart.
    const head = fromHttpFailure({
      status: 403,
      bodyText: "",
      headers: { "x-databricks-reason-phrase": "Invalid access token." },
      operation: "HEAD files",
    });
    expect(head.credentialsRejected).toBe(true);
    const grant = fromHttpFailure({ status: 403, bodyText: "", headers: {}, operation: "HEAD files" });
    expect(grant).toMatchObject({ status: 403, code: "PERMISSION_DENIED", credentialsRejected: false });
  });

  it("keeps the rate limit's code and Retry-After, retryable", () => {
    const err = fromHttpFailure({
      status: 429,
      bodyText: JSON.stringify({ error_code: "REQUEST_LIMIT_EXCEEDED", message: "Too many requests." }),
      headers: { "retry-after": "2" },
      operation: "DELETE files",
    });
    expect(err).toMatchObject({
      status: 429,
      code: "REQUEST_LIMIT_EXCEEDED",
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(err.headers).toEqual({ "retry-after": "2" });
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
