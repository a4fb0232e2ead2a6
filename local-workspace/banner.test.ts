import { describe, expect, it } from "vitest";
import { userAuthorizationLine } from "./banner.js";

describe("the banner's user authorization line", () => {
  it("says what the proxy forwards for each user_api_scopes setting", () => {
    expect(userAuthorizationLine([])).toBe(
      "off (no user_api_scopes in databricks.yml): no user token is forwarded",
    );
    expect(userAuthorizationLine(["files.files"])).toBe(
      "on: each user's 1-hour token limited to files.files (+ iam.current-user:read, iam.access-control:read)",
    );
    expect(userAuthorizationLine(["sql"], 90_000)).toMatch(
      /^on: each user's 90-second token limited to sql .*; without files\.files the Files API refuses it \(403\)$/,
    );
  });
});
