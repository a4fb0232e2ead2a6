// user_api_scopes from databricks.yml, applied end to end (local Apps proxy → app → emulator) the
// way Databricks Apps applies them:
// - files.files: a downscoped user token that the Files API and SCIM Me accept;
// - user authorization on without files.files: a token the Files API refuses with 403 "Provided
//   OAuth token does not have required scopes: files.files";
// - no user_api_scopes (user authorization off): no x-forwarded-access-token at all.
// Each case also shows what a user and an admin see: the error body and the diagnostics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiagnosticsResponse } from "../server/diagnostics/index.js";
import { MISSING_USER_TOKEN_MESSAGE } from "../server/identity/execution.js";
import { jsonOf, PROJECT_DIR, startTestStack, type TestStack } from "../server/test-support/stack.js";
import type { ApiErrorBody } from "../shared/api/errors.js";
import type { MeResponse } from "../shared/api/me.js";
import { bundleWithScopes } from "./test-support/bundle-with-scopes.js";

const ROOT = "/Volumes/main/demo/uploads";

/** What the forwarded token can do, asked with the token itself (which never leaves the app). */
interface TokenProbe {
  present: boolean;
  /** A different token than the one the previous probe saw. */
  renewed?: boolean;
  /** The Files API's answer to the previous token, once it was replaced. */
  previousFilesApi?: number;
  isUsersPat?: boolean;
  filesApi?: number;
  scimMe?: number;
  me?: string;
}

async function startWith(scopes: string[] | undefined, userTokenTtlMs?: number): Promise<TestStack> {
  let previous: string | undefined;
  const stack: TestStack = await startTestStack({
    bundleFile: await bundleWithScopes(PROJECT_DIR, scopes),
    userTokenTtlMs,
    env: { FILES_ADMINS: "alice@example.com" },
    customize: async (app) => {
      app.get("/api/custom/token-probe", async (request): Promise<TokenProbe> => {
        const token = request.headers["x-forwarded-access-token"];
        if (typeof token !== "string") return { present: false };
        const auth = { authorization: `Bearer ${token}` };
        const files = await fetch(`${stack.info.emulatorUrl}/api/2.0/fs/directories${ROOT}/`, {
          headers: auth,
        });
        const me = await fetch(`${stack.info.emulatorUrl}/api/2.0/preview/scim/v2/Me`, { headers: auth });
        const pats = stack.workspace.principals().users.map((u) => u.token);
        // The token this route saw last time (test-only memory): is it still accepted?
        const before = previous;
        previous = token;
        const previousFilesApi =
          before === undefined || before === token
            ? undefined
            : (
                await fetch(`${stack.info.emulatorUrl}/api/2.0/fs/directories${ROOT}/`, {
                  headers: { authorization: `Bearer ${before}` },
                })
              ).status;
        return {
          present: true,
          renewed: before !== undefined && before !== token,
          ...(previousFilesApi !== undefined ? { previousFilesApi } : {}),
          isUsersPat: pats.includes(token),
          filesApi: files.status,
          scimMe: me.status,
          me: me.ok ? ((await me.json()) as { userName: string }).userName : undefined,
        };
      });
    },
  });
  return stack;
}

async function userScopeCheck(stack: TestStack) {
  const res = await stack.fetch("alice", "/api/files/volumes?diagnostics=true");
  expect(res.status).toBe(200);
  const { diagnostics } = await jsonOf<{ diagnostics: DiagnosticsResponse }>(res);
  const uploads = diagnostics.volumes.find((v) => v.key === "uploads");
  return { check: uploads?.checks.find((c) => c.name === "user-scope"), uploads, text: diagnostics.text };
}

describe("user_api_scopes: [files.files]", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startWith(["files.files"]);
  });
  afterAll(() => stack?.close());

  it("forwards a downscoped token of the user's own, good for the Files API and SCIM Me", async () => {
    const probe = await jsonOf<TokenProbe>(await stack.fetch("alice", "/api/custom/token-probe"));
    expect(probe).toEqual({
      present: true,
      renewed: false,
      isUsersPat: false,
      filesApi: 200,
      scimMe: 200,
      me: "alice@example.com",
    });
  });

  it("lets the user browse and write an on-behalf-of-user volume with their own grants", async () => {
    expect((await stack.fetch("alice", "/api/files/uploads/list?path=")).status).toBe(200);
    const upload = await stack.fetch("alice", "/api/files/uploads/upload?path=scoped.txt", {
      method: "POST",
      body: "with files.files",
    });
    expect(upload.status).toBe(200);
    // bob holds READ VOLUME only: Unity Catalog, not the scope, refuses his write.
    const bob = await stack.fetch("bob", "/api/files/uploads/upload?path=bob.txt", {
      method: "POST",
      body: "x",
    });
    expect(bob.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(bob)).message).toContain("WRITE VOLUME");
    expect((await userScopeCheck(stack)).check).toMatchObject({ ok: true });
  });
});

describe("user authorization on without files.files (user_api_scopes: [sql])", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startWith(["sql"]);
  });
  afterAll(() => stack?.close());

  it("forwards a token that the Files API refuses for its scope and SCIM Me accepts", async () => {
    const probe = await jsonOf<TokenProbe>(await stack.fetch("alice", "/api/custom/token-probe"));
    expect(probe).toMatchObject({ present: true, isUsersPat: false, filesApi: 403, scimMe: 200 });
  });

  it("shows the user Databricks' missing-scope 403 and tells the admin to add files.files", async () => {
    const res = await stack.fetch("alice", "/api/files/uploads/list?path=");
    expect(res.status).toBe(403);
    expect(await jsonOf<ApiErrorBody>(res)).toMatchObject({
      code: "PERMISSION_DENIED",
      message: "Provided OAuth token does not have required scopes: files.files",
    });
    const { check, uploads, text } = await userScopeCheck(stack);
    expect(check).toMatchObject({ ok: false, severity: "error" });
    expect(check?.detail).toContain("does not have the required scope files.files");
    expect(uploads?.fixes.join("\n")).toContain("add files.files to user_api_scopes");
    // The table an admin reads: the uploads row fails its scope check, with the fix below it.
    expect(text).toMatch(/uploads .* ERROR .*scope:FAILED/);
    expect(text).toContain("add files.files to user_api_scopes");
    // Service-principal volumes are not affected.
    expect((await stack.fetch("alice", "/api/files/shared/list?path=")).status).toBe(200);
  });
});

describe("user authorization off (no user_api_scopes)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startWith(undefined);
  });
  afterAll(() => stack?.close());

  it("forwards no token, and says so on on-behalf-of-user volumes and in the diagnostics", async () => {
    expect(await jsonOf<TokenProbe>(await stack.fetch("alice", "/api/custom/token-probe"))).toEqual({
      present: false,
    });
    expect((await jsonOf<MeResponse>(await stack.fetch("alice", "/api/me"))).hasUserToken).toBe(false);
    // Not even one a client tries to slip in.
    const forged = await stack.fetch("alice", "/api/custom/token-probe", {
      headers: { "x-forwarded-access-token": stack.workspace.principals().users[0]?.token ?? "" },
    });
    expect(await jsonOf<TokenProbe>(forged)).toEqual({ present: false });

    const res = await stack.fetch("alice", "/api/files/uploads/list?path=");
    expect(res.status).toBe(401);
    expect(await jsonOf<ApiErrorBody>(res)).toMatchObject({
      code: "UNAUTHENTICATED",
      message: MISSING_USER_TOKEN_MESSAGE,
    });
    const { check, text } = await userScopeCheck(stack);
    expect(check).toMatchObject({ ok: false, severity: "error" });
    expect(check?.detail).toContain("user authorization is not enabled for the app");
    expect(text).toMatch(/uploads .* ERROR .*scope:FAILED/);
    expect((await stack.fetch("alice", "/api/files/shared/list?path=")).status).toBe(200);
  });
});

describe("user tokens expire", () => {
  const TTL_MS = 1200;
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startWith(["files.files"], TTL_MS);
  });
  afterAll(() => stack?.close());

  it("the proxy forwards a fresh token before the old one expires, and the expired one is refused", async () => {
    expect(await jsonOf<TokenProbe>(await stack.fetch("alice", "/api/custom/token-probe"))).toMatchObject({
      renewed: false,
      filesApi: 200,
    });
    await new Promise((r) => setTimeout(r, TTL_MS + 100));
    const probe = await jsonOf<TokenProbe>(await stack.fetch("alice", "/api/custom/token-probe"));
    expect(probe).toMatchObject({ renewed: true, filesApi: 200 });
    expect(probe.previousFilesApi).toBeGreaterThanOrEqual(401);
    expect(probe.previousFilesApi).toBeLessThanOrEqual(403);
    expect((await stack.fetch("alice", "/api/files/uploads/list?path=")).status).toBe(200);
  });
});
