// A forwarded user access token must belong to the forwarded user. Straight to the app's port
// (what only the Apps proxy may do on Databricks) with one user's token and another user's
// headers, on service-principal and on-behalf-of-user volumes alike: 401, nothing done. Checked
// once per token (SCIM Me), cached by the token's SHA-256, never by the token.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../shared/api/errors.js";
import type { MeResponse } from "../../shared/api/me.js";
import { jsonOf, startTestStack, type TestStack } from "../test-support/stack.js";
import { trustNotice } from "./identity-check.js";

const q = encodeURIComponent;
const SCIM_ME = "/api/2.0/preview/scim/v2/Me";

describe("forwarded identity is checked against the forwarded token", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { FILES_ADMINS: "alice@example.com" } });
  });
  afterAll(() => stack?.close());

  type Name = "alice" | "bob" | "carol";
  function user(name: Name) {
    const principals = stack.workspace.principals();
    const found = principals.users.find((u) => u.userName.startsWith(`${name}@`));
    if (!found) throw new Error(`no user ${name}`);
    return { ...found, forwardedUser: `${found.id}@${principals.workspaceId}` };
  }
  /** The headers the Apps proxy would send for `who`, with `tokenOf`'s token (forged when they differ). */
  function headers(who: Name, tokenOf: Name = who): Record<string, string> {
    const u = user(who);
    return {
      "x-forwarded-user": u.forwardedUser,
      "x-forwarded-email": u.userName,
      "x-forwarded-preferred-username": u.userName,
      "x-forwarded-access-token": user(tokenOf).token,
      "x-requested-with": "volumes-browser",
    };
  }
  const direct = (url: string, init: RequestInit & { headers: Record<string, string> }) =>
    fetch(`${stack.info.appUrl}${url}`, init);
  const exists = (volume: string, rel: string) =>
    stat(stack.onDisk(volume, rel)).then(
      () => true,
      () => false,
    );
  async function expectMismatch(res: Response) {
    expect(res.status).toBe(401);
    const body = await jsonOf<ApiErrorBody>(res);
    expect(body.code).toBe("IDENTITY_MISMATCH");
    expect(body.message).toMatch(/do not belong to the user access token/);
  }

  it("asks SCIM once per token (first here: carol's token is new), and caches by the token's SHA-256, never the token", async () => {
    stack.emulator.stats.reset();
    const carol = headers("carol");
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => direct("/api/files/shared/list?path=", { headers: carol })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    for (let i = 0; i < 5; i++) {
      expect((await direct("/api/me", { headers: carol })).status).toBe(200);
    }
    expect(stack.emulator.stats.requestCount({ method: "GET", pathPrefix: SCIM_ME })).toBe(1);

    const keys = stack.tokenOwners.cachedKeys();
    const tokens = stack.workspace.principals().users.map((u) => u.token);
    const sha = (t: string) => createHash("sha256").update(t).digest("hex");
    expect(keys).toContain(sha(user("carol").token));
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      for (const token of tokens) expect(key.includes(token)).toBe(false);
    }
    // Nor in any log line, refusals included.
    for (const token of tokens) expect(stack.logs.some((line) => line.includes(token))).toBe(false);
  });

  it("refuses a forged x-forwarded-email with another user's token on a service-principal volume", async () => {
    // bob's token, alice's identity: alice's own folder in the inbox must stay alice's.
    const res = await direct(`/api/files/inbox/upload?path=${q("users/alice@example.com/forged.txt")}`, {
      method: "POST",
      headers: { ...headers("alice", "bob"), "content-type": "text/plain" },
      body: "forged",
    });
    await expectMismatch(res);
    expect(await exists("inbox", "users/alice@example.com/forged.txt")).toBe(false);
    // Only the email forged, the rest bob's own: still refused.
    const emailOnly = await direct("/api/files/inbox/list?path=", {
      headers: { ...headers("bob"), "x-forwarded-email": "alice@example.com" },
    });
    await expectMismatch(emailOnly);
  });

  it("refuses it on an on-behalf-of-user volume, and for admin diagnostics and /api/me", async () => {
    const upload = await direct("/api/files/uploads/upload?path=forged-obo.txt", {
      method: "POST",
      headers: { ...headers("alice", "carol"), "content-type": "text/plain" },
      body: "forged",
    });
    await expectMismatch(upload);
    expect(await exists("uploads", "forged-obo.txt")).toBe(false);
    await expectMismatch(
      await direct("/api/files/volumes?diagnostics=true", { headers: headers("alice", "bob") }),
    );
    await expectMismatch(await direct("/api/me", { headers: headers("alice", "bob") }));
    // A forged numeric id alone (policies can name users by id) is caught too.
    await expectMismatch(
      await direct("/api/me", {
        headers: { ...headers("bob"), "x-forwarded-user": user("alice").forwardedUser },
      }),
    );
  });

  it("lets matching headers through, straight or through the proxy", async () => {
    const me = await direct("/api/me", { headers: headers("bob") });
    expect(me.status).toBe(200);
    expect(await jsonOf<MeResponse>(me)).toMatchObject({ email: "bob@example.com", hasUserToken: true });
    // The email in another case is still the same person.
    const upper = await direct("/api/me", {
      headers: { ...headers("bob"), "x-forwarded-email": "BOB@example.com" },
    });
    expect(upper.status).toBe(200);
    const own = await stack.fetch(
      "alice",
      `/api/files/inbox/upload?path=${q("users/alice@example.com/real.txt")}`,
      {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "real",
      },
    );
    expect(own.status).toBe(200);
    expect((await stack.fetch("alice", "/api/files/uploads/list?path=")).status).toBe(200);
  });

  it("refuses a token without user headers, and a token Databricks does not accept", async () => {
    const token = user("bob").token;
    await expectMismatch(
      await direct("/api/files/shared/list?path=", { headers: { "x-forwarded-access-token": token } }),
    );
    const bogus = await direct("/api/me", {
      headers: { ...headers("bob"), "x-forwarded-access-token": "not-a-token" },
    });
    expect(bogus.status).toBe(401);
    expect((await jsonOf<ApiErrorBody>(bogus)).code).toBe("UNAUTHENTICATED");
  });

  it("says at startup what is trusted without a token", () => {
    const line = trustNotice([
      { key: "shared", auth: "service-principal" },
      { key: "uploads", auth: "on-behalf-of-user" },
      { key: "inbox", auth: "service-principal" },
    ]);
    expect(line).toContain("service-principal volumes (shared, inbox)");
    expect(line).toContain("reachable only through the Databricks Apps proxy");
    expect(line).not.toContain("\n");
    expect(trustNotice([{ key: "uploads", auth: "on-behalf-of-user" }])).toContain("admin diagnostics");
  });
});
