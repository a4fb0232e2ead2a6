import { describe, expect, it } from "vitest";
import { callerFromHeaders } from "./caller.js";

describe("callerFromHeaders", () => {
  it("reads the Apps proxy's headers: id in x-forwarded-user, user name in preferred username", () => {
    expect(
      callerFromHeaders({
        "x-forwarded-user": "4212345678901234@1234567890123456",
        "x-forwarded-email": "alice@example.com",
        "x-forwarded-preferred-username": "alice@example.com",
        "x-forwarded-access-token": "eyJtoken",
      }),
    ).toMatchObject({
      userId: "4212345678901234@1234567890123456",
      userName: "alice@example.com",
      convention: "apps-proxy",
      accessToken: "eyJtoken",
      isUser: true,
    });
  });

  it("reads run-local's headers: user name in x-forwarded-user, display name in preferred username", () => {
    const caller = callerFromHeaders({
      "x-forwarded-user": "alice@example.com",
      "x-forwarded-email": "alice@example.com",
      "x-forwarded-preferred-username": "Alice Example",
    });
    expect(caller).toMatchObject({
      userId: "alice@example.com",
      userName: "alice@example.com",
      displayName: "Alice Example",
      convention: "run-local",
      isUser: true,
    });
    expect(caller.accessToken).toBeUndefined();
  });

  it("knows no convention without user headers", () => {
    expect(callerFromHeaders({}).convention).toBeUndefined();
    expect(callerFromHeaders({}).isUser).toBe(false);
  });
});
