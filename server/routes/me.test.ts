// GET /api/me through the local workspace's Apps proxy and straight to the app: who the caller
// is, and where to switch user or sign out only when the local proxy says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeResponse } from "../../shared/api/me.js";
import { jsonOf, startTestStack, type TestStack } from "../test-support/stack.js";

describe("GET /api/me", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ seed: false });
  });
  afterAll(() => stack?.close());

  it("behind the local proxy: the user, with the proxy's switch-user and sign-out links", async () => {
    const me = await jsonOf<MeResponse>(await stack.fetch("bob", "/api/me"));
    expect(me).toEqual({
      id: expect.stringMatching(new RegExp(`^\\d+@${stack.info.workspaceId}$`)),
      email: "bob@example.com",
      userName: "bob@example.com",
      isServicePrincipal: false,
      hasUserToken: true,
      switchUserUrl: "/.proxy/login",
      signOutUrl: "/.proxy/logout",
    });
  });

  it("as the real proxy calls it (no local sign-in headers): no links", async () => {
    const res = await stack.fetch("direct", "/api/me", {
      headers: { "x-forwarded-user": "42@7", "x-forwarded-email": "dana@example.com" },
    });
    const me = await jsonOf<MeResponse>(res);
    expect(me.email).toBe("dana@example.com");
    expect(me).not.toHaveProperty("switchUserUrl");
    expect(me).not.toHaveProperty("signOutUrl");
  });

  it("never offers a link off this origin, whatever the headers say", async () => {
    for (const link of ["//evil.example/login", "https://evil.example/", "javascript:alert(1)", "/a b"]) {
      const res = await stack.fetch("direct", "/api/me", {
        headers: {
          "x-forwarded-email": "dana@example.com",
          "x-local-workspace-sign-in": link,
          "x-local-workspace-sign-out": "/.proxy/logout",
        },
      });
      expect(await jsonOf<MeResponse>(res)).not.toHaveProperty("switchUserUrl");
    }
  });
});
