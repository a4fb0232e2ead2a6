// The app under `databricks apps run-local`: its proxy injects exactly the headers of
// databricks/cli libs/apps/runlocal/headers.go (the user name as x-forwarded-user, the display
// name as x-forwarded-preferred-username, no access token), and the app must still know who is
// calling, apply the policies to them, and say why on-behalf-of-user volumes can't work there.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../shared/api/errors.js";
import type { MeResponse } from "../../shared/api/me.js";
import type { DiagnosticsResponse } from "../diagnostics/index.js";
import { jsonOf, startTestStack, type TestStack } from "../test-support/stack.js";
import { RUN_LOCAL_NO_TOKEN_MESSAGE } from "./execution.js";

const q = encodeURIComponent;

/** What run-local sends for the demo user alice (SCIM Me: userName, emails[0], displayName). */
function runLocalHeaders(): Record<string, string> {
  return {
    "X-Forwarded-Host": "localhost",
    "X-Forwarded-Preferred-Username": "Alice Example",
    "X-Forwarded-User": "alice@example.com",
    "X-Forwarded-Email": "alice@example.com",
    "X-Real-Ip": "127.0.0.1",
    "X-Request-Id": randomUUID(),
  };
}

describe("databricks apps run-local header conventions", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  // Straight to the app's port, as run-local's proxy does: no local Apps proxy in between.
  const call = (url: string, init: RequestInit = {}) =>
    fetch(`${stack.info.appUrl}${url}`, {
      ...init,
      headers: { ...runLocalHeaders(), ...(init.headers as Record<string, string> | undefined) },
    });

  it("identifies the user by the user name in x-forwarded-user", async () => {
    const res = await call("/api/me");
    expect(res.status).toBe(200);
    expect(await jsonOf<MeResponse>(res)).toMatchObject({
      id: "alice@example.com",
      email: "alice@example.com",
      userName: "alice@example.com",
      isServicePrincipal: false,
      hasUserToken: false,
    });
  });

  it("also without a display name (run-local sends an empty one when the user has none)", async () => {
    const res = await call("/api/me", { headers: { "X-Forwarded-Preferred-Username": "" } });
    expect(await jsonOf<MeResponse>(res)).toMatchObject({
      id: "alice@example.com",
      userName: "alice@example.com",
    });
  });

  it("applies the policies to that user on service-principal volumes", async () => {
    expect((await call(`/api/files/shared/list?path=`)).status).toBe(200);
    const own = await call(`/api/files/inbox/upload?path=${q("users/alice@example.com/run-local.txt")}`, {
      method: "POST",
      body: "from run-local",
      headers: { "content-type": "text/plain", "x-requested-with": "volumes-browser" },
    });
    expect(own.status).toBe(200);
    const audit = stack.logs
      .map((l) => JSON.parse(l))
      .find((l) => l.audit && l.action === "upload" && l.path === "users/alice@example.com/run-local.txt");
    expect(audit).toMatchObject({ outcome: "succeeded", user: { id: "alice@example.com" } });
    const others = await call(`/api/files/inbox/upload?path=${q("users/bob@example.com/x.txt")}`, {
      method: "POST",
      body: "nope",
      headers: { "content-type": "text/plain", "x-requested-with": "volumes-browser" },
    });
    expect(others.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(others)).code).toBe("POLICY_DENIED");
  });

  it("explains that run-local forwards no token on an on-behalf-of-user volume", async () => {
    const res = await call(`/api/files/uploads/list?path=`);
    expect(res.status).toBe(401);
    const body = await jsonOf<ApiErrorBody>(res);
    expect(body).toMatchObject({ code: "UNAUTHENTICATED", message: RUN_LOCAL_NO_TOKEN_MESSAGE });
    expect(body.message).toContain("`databricks apps run-local` forwards no user access token");
    // The admin diagnostics then name run-local, not a missing app setting.
    const diagnostics = await jsonOf<{ diagnostics?: DiagnosticsResponse }>(
      await stack.fetch("direct", "/api/files/volumes?diagnostics=true"),
    );
    const uploads = diagnostics.diagnostics?.volumes.find((v) => v.key === "uploads");
    const userScope = uploads?.checks.find((c) => c.name === "user-scope")?.detail ?? "";
    expect(userScope).toContain("databricks apps run-local");
    expect(userScope).not.toContain("user authorization is not enabled");
  });

  it("still gives the Apps proxy's advice when its headers arrive without a token", async () => {
    const res = await fetch(`${stack.info.appUrl}/api/files/uploads/list?path=`, {
      headers: {
        "x-forwarded-user": `${stack.workspace.principals().users[0]?.id}@${stack.info.workspaceId}`,
        "x-forwarded-email": "alice@example.com",
      },
    });
    expect(res.status).toBe(401);
    expect((await jsonOf<ApiErrorBody>(res)).message).toContain("Enable user authorization");
  });
});
