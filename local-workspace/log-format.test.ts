import { describe, expect, it } from "vitest";
import { formatLogLine } from "./log-format.js";

const time = new Date(2026, 0, 2, 12, 3, 4).getTime();

describe("formatLogLine", () => {
  it("shows a request line as its message, with the refusal's code", () => {
    const line = JSON.stringify({
      level: 30,
      time,
      reqId: "r1",
      method: "POST",
      url: "/api/files/shared/mkdir",
      route: "/api/files/:volume/mkdir",
      status: 403,
      ms: 3.1,
      user: "bob@example.com",
      code: "POLICY_DENIED",
      reason: "Policy denied",
      msg: "POST /api/files/shared/mkdir 403 3.1ms bob@example.com",
    });
    expect(formatLogLine(line)).toBe(
      "12:03:04  POST /api/files/shared/mkdir 403 3.1ms bob@example.com  POLICY_DENIED: Policy denied",
    );
  });

  it("tags warnings, lists their fields, and puts an error's stack on its own lines", () => {
    expect(
      formatLogLine(JSON.stringify({ level: 40, time, msg: "audit", audit: true, action: "mkdir" })),
    ).toBe("12:03:04  WARN  audit  action=mkdir");
    const error = JSON.stringify({ level: 50, time, msg: "boom", err: { stack: "Error: x\n    at y" } });
    expect(formatLogLine(error)).toBe("12:03:04  ERROR boom\nError: x\n    at y");
  });

  it("passes anything else through unchanged", () => {
    expect(formatLogLine("VOLUME   PATH")).toBe("VOLUME   PATH");
    expect(formatLogLine("{not json")).toBe("{not json");
  });
});
