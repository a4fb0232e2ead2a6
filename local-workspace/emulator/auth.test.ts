import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newToken, writePrincipals } from "../principals.js";
import { dirsUrl, filesUrl, type RawResponse, send } from "./test-support/http.js";
import { MAIN_ROOT, OTHER_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let ws: TestWorkspace;
let base: string;

beforeAll(async () => {
  ws = await startTestWorkspace();
  base = ws.emulator.url;
  await send(base, {
    method: "PUT",
    path: filesUrl(`${MAIN_ROOT}/seed.txt`),
    token: ws.tokens.alice,
    body: "s",
  });
  await send(base, {
    method: "PUT",
    path: filesUrl(`${OTHER_ROOT}/seed.txt`),
    token: ws.tokens.alice,
    body: "s",
  });
});
afterAll(() => ws.close());

const body = (res: RawResponse) => res.json() as { error_code: string; message: string };

/** Retries until the emulator picked up a principals.json edit (it re-checks at most every 500 ms). */
async function eventually(fn: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fn()) return true;
    await sleep(100);
  }
  return false;
}

describe("authentication", () => {
  it("no token is 401 UNAUTHENTICATED with Databricks' message", async () => {
    const res = await send(base, { path: dirsUrl(MAIN_ROOT) });
    expect(res.status).toBe(401);
    expect(body(res)).toEqual({
      error_code: "UNAUTHENTICATED",
      message: "Credential was not sent or was of an unsupported type for this API.",
    });
  });

  it("an unknown token is 403 with the gateway's numeric error_code, as on Databricks", async () => {
    // databricks/databricks-sdk-go issues 873, 917, 1046: a request log of exactly this answer.
    const res = await send(base, { path: dirsUrl(MAIN_ROOT), token: "dapi-not-a-token" });
    expect(res.status).toBe(403);
    expect(body(res)).toEqual({ error_code: 403, message: "Invalid access token." });
    expect(res.headers["x-databricks-reason-phrase"]).toBe("Invalid access token.");
  });

  it("another scheme is 401, like no credential at all", async () => {
    const basic = await send(base, { path: dirsUrl(MAIN_ROOT), headers: { authorization: "Basic YTpi" } });
    expect(basic.status).toBe(401);
    expect(body(basic).error_code).toBe("UNAUTHENTICATED");
  });

  it("a HEAD 401 has no body", async () => {
    const res = await send(base, { method: "HEAD", path: filesUrl(`${MAIN_ROOT}/seed.txt`) });
    expect(res.status).toBe(401);
    expect(res.body.length).toBe(0);
  });

  it("the SP token works", async () => {
    expect((await send(base, { path: dirsUrl(MAIN_ROOT), token: ws.tokens.sp })).status).toBe(200);
  });
});

describe("grants", () => {
  it("reading without READ VOLUME is 403 with the exact message", async () => {
    for (const req of [
      { path: filesUrl(`${MAIN_ROOT}/seed.txt`) },
      { path: dirsUrl(MAIN_ROOT) },
      { method: "HEAD", path: dirsUrl(MAIN_ROOT) },
    ]) {
      const res = await send(base, { ...req, token: ws.tokens.carol });
      expect(res.status).toBe(403);
      if (req.method !== "HEAD") {
        expect(body(res)).toMatchObject({
          error_code: "PERMISSION_DENIED",
          message: "User does not have READ VOLUME on Volume 'main.default.files'.",
        });
      }
    }
  });

  it("writing with only READ VOLUME is 403 WRITE VOLUME; reading works", async () => {
    const bob = ws.tokens.bob;
    expect((await send(base, { path: filesUrl(`${MAIN_ROOT}/seed.txt`), token: bob })).status).toBe(200);
    for (const req of [
      { method: "PUT", path: filesUrl(`${MAIN_ROOT}/bob.txt`), body: "b" },
      { method: "DELETE", path: filesUrl(`${MAIN_ROOT}/seed.txt`) },
      { method: "PUT", path: dirsUrl(`${MAIN_ROOT}/bobdir`) },
      { method: "DELETE", path: dirsUrl(`${MAIN_ROOT}/bobdir`) },
    ]) {
      const res = await send(base, { ...req, token: bob });
      expect(res.status, req.method).toBe(403);
      expect(body(res)).toMatchObject({
        error_code: "PERMISSION_DENIED",
        message: "User does not have WRITE VOLUME on Volume 'main.default.files'.",
      });
    }
    expect((await send(base, { path: filesUrl(`${MAIN_ROOT}/seed.txt`), token: bob })).text).toBe("s");
  });

  it("grants are per volume and the SP is named by its application id", async () => {
    const sp = ws.tokens.sp;
    expect((await send(base, { path: filesUrl(`${OTHER_ROOT}/seed.txt`), token: sp })).status).toBe(200);
    const res = await send(base, {
      method: "PUT",
      path: filesUrl(`${OTHER_ROOT}/sp.txt`),
      token: sp,
      body: "x",
    });
    expect(res.status).toBe(403);
    expect(body(res).message).toBe("User does not have WRITE VOLUME on Volume 'main.default.reports'.");
  });

  it("picks up edits of principals.json while running", async () => {
    const file = structuredClone(ws.principals);
    const bobName = file.users.find((u) => u.userName.startsWith("bob@"))?.userName ?? "";
    const files = file.volumes["main.default.files"];
    if (!files) throw new Error("volume missing");
    delete files.grants[bobName];
    const daveToken = newToken();
    file.users.push({ id: "123", userName: "dave@example.com", displayName: "Dave", token: daveToken });
    files.grants["dave@example.com"] = ["READ_VOLUME", "WRITE_VOLUME"];
    await writePrincipals(ws.dir, file);

    const bobDenied = await eventually(async () => {
      const res = await send(base, { path: filesUrl(`${MAIN_ROOT}/seed.txt`), token: ws.tokens.bob });
      return res.status === 403;
    });
    expect(bobDenied).toBe(true);
    const daveWrites = await send(base, {
      method: "PUT",
      path: filesUrl(`${MAIN_ROOT}/dave.txt`),
      token: daveToken,
      body: "d",
    });
    expect(daveWrites.status).toBe(204);
    await writePrincipals(ws.dir, ws.principals);
  });
});

describe("SCIM Me", () => {
  it("describes a user", async () => {
    const alice = ws.principals.users.find((u) => u.userName.startsWith("alice@"));
    const res = await send(base, { path: "/api/2.0/preview/scim/v2/Me", token: ws.tokens.alice });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      id: alice?.id,
      userName: alice?.userName,
      displayName: alice?.displayName,
      emails: [{ value: alice?.userName, primary: true, type: "work" }],
      active: true,
    });
  });

  it("describes the SP by application id", async () => {
    const res = await send(base, { path: "/api/2.0/preview/scim/v2/Me", token: ws.tokens.sp });
    expect(res.json()).toMatchObject({
      userName: ws.principals.servicePrincipal.applicationId,
      displayName: ws.principals.servicePrincipal.displayName,
    });
  });

  it("needs a token", async () => {
    expect((await send(base, { path: "/api/2.0/preview/scim/v2/Me" })).status).toBe(401);
  });
});

describe("OAuth M2M", () => {
  const sp = () => ws.principals.servicePrincipal;
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
  const tokenRequest = (headers: Record<string, string>, form: string) =>
    send(base, {
      method: "POST",
      path: "/oidc/v1/token",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: form,
    });

  it("serves the discovery document with the token endpoint on this host", async () => {
    const res = await send(base, { path: "/oidc/.well-known/oauth-authorization-server" });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      token_endpoint: `${base}/oidc/v1/token`,
      authorization_endpoint: `${base}/oidc/v1/authorize`,
      issuer: `${base}/oidc`,
    });
  });

  it("issues a bearer token for the SP (Basic auth) that the Files API accepts", async () => {
    const res = await tokenRequest(
      { authorization: basic(sp().applicationId, sp().clientSecret) },
      "grant_type=client_credentials&scope=all-apis",
    );
    expect(res.status).toBe(200);
    const tok = res.json() as { access_token: string; token_type: string; expires_in: number; scope: string };
    expect(tok).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "all-apis" });
    const me = await send(base, { path: "/api/2.0/preview/scim/v2/Me", token: tok.access_token });
    expect((me.json() as { userName: string }).userName).toBe(sp().applicationId);
    expect((await send(base, { path: dirsUrl(MAIN_ROOT), token: tok.access_token })).status).toBe(200);
  });

  it("accepts client_secret_post", async () => {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: sp().applicationId,
      client_secret: sp().clientSecret,
    });
    expect((await tokenRequest({}, form.toString())).status).toBe(200);
  });

  it("rejects bad credentials with 401 invalid_client and other grants with 400", async () => {
    const bad = await tokenRequest(
      { authorization: basic(sp().applicationId, "wrong") },
      "grant_type=client_credentials",
    );
    expect(bad.status).toBe(401);
    expect((bad.json() as { error: string }).error).toBe("invalid_client");
    expect((await tokenRequest({}, "grant_type=client_credentials")).status).toBe(401);
    const grant = await tokenRequest(
      { authorization: basic(sp().applicationId, sp().clientSecret) },
      "grant_type=password",
    );
    expect(grant.status).toBe(400);
  });
});
