// Every row of the auth-mode matrix, through the real local Apps proxy (alice, bob, carol) and
// straight to the app without user headers (the service-principal rows), on the demo volumes:
// shared (SP, public-read), uploads (on-behalf-of-user, allow-all), inbox (SP, own folder).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../shared/api/errors.js";
import type { DirectoryEntry } from "../../shared/api/files.js";
import type { VolumesResponse } from "../../shared/api/volumes.js";
import { jsonOf, startTestStack, type TestStack } from "../test-support/stack.js";

const q = encodeURIComponent;

describe("auth-mode matrix (production)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      // A custom route built on the volume service: asUser runs as the signed-in user even on an SP volume.
      customize: async (app, service) => {
        app.get("/api/custom/shared-as-me", async (request) => {
          const entries = await service.asUser(request, "shared").list("data");
          return { count: entries.entries.length };
        });
      },
    });
  });
  afterAll(() => stack?.close());

  it("SP volume + user headers: runs as the SP, the policy sees the end user", async () => {
    const own = await stack.fetch(
      "alice",
      `/api/files/inbox/upload?path=${q("users/alice@example.com/hello.txt")}`,
      {
        method: "POST",
        body: "hi from alice",
        headers: { "content-type": "text/plain" },
      },
    );
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ success: true, path: "users/alice@example.com/hello.txt", size: 13 });
    const audit = stack.logs
      .map((l) => JSON.parse(l))
      .find((l) => l.audit && l.action === "upload" && l.outcome === "succeeded");
    expect(audit).toMatchObject({
      executedAs: "service-principal",
      isServicePrincipal: false,
      user: { email: "alice@example.com" },
    });

    const other = await stack.fetch(
      "alice",
      `/api/files/inbox/upload?path=${q("users/bob@example.com/x.txt")}`,
      {
        method: "POST",
        body: "nope",
      },
    );
    expect(other.status).toBe(403);
    expect(await jsonOf<ApiErrorBody>(other)).toMatchObject({
      code: "POLICY_DENIED",
      message: 'Policy denied "upload" on volume "inbox"',
    });

    // carol has no grant of her own, but the SP's grants govern an SP volume.
    const carol = await stack.fetch("carol", "/api/files/shared/list");
    expect(carol.status).toBe(200);
  });

  it("SP volume without user headers: the policy user is the SP itself", async () => {
    const me = await (await stack.fetch("direct", "/api/me")).json();
    expect(me).toEqual({ id: stack.info.servicePrincipal.id, isServicePrincipal: true, hasUserToken: false });
    expect((await stack.fetch("direct", "/api/files/inbox/list?path=users")).status).toBe(200);
    // own-folder("users/{email}/") needs an email the SP does not have.
    const res = await stack.fetch("direct", `/api/files/inbox/upload?path=${q("users/x/y.txt")}`, {
      method: "POST",
      body: "x",
    });
    expect(res.status).toBe(403);
    const denial = stack.logs
      .map((l) => JSON.parse(l))
      .find((l) => l.audit && l.outcome === "denied" && l.path === "users/x/y.txt");
    expect(denial).toMatchObject({
      isServicePrincipal: true,
      executedAs: "service-principal",
      user: { id: stack.info.servicePrincipal.id },
    });
  });

  it("OBO volume + token: runs as the user, whose own grants apply and pass through", async () => {
    const alice = await stack.fetch("alice", "/api/files/uploads/list");
    expect(alice.status).toBe(200);
    expect((await jsonOf<DirectoryEntry[]>(alice)).map((e) => e.name)).toContain("README.md");

    // bob may read but not write: Unity Catalog's 403 comes back with its reason, not as the SP.
    const bob = await stack.fetch("bob", "/api/files/uploads/upload?path=drafts%2Fbob.txt", {
      method: "POST",
      body: "b",
    });
    expect(bob.status).toBe(403);
    const bobBody = await jsonOf<ApiErrorBody>(bob);
    expect(bobBody.code).toBe("PERMISSION_DENIED");
    expect(bobBody.message).toMatch(/WRITE.VOLUME/i);

    const carol = await stack.fetch("carol", "/api/files/uploads/list");
    expect(carol.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(carol)).message).toMatch(/READ.VOLUME/i);
  });

  it("OBO volume without a token in production: 401 and no upstream call", async () => {
    stack.emulator.stats.reset();
    for (const url of ["/api/files/uploads/list", "/api/files/uploads/read?path=README.md"]) {
      const res = await stack.fetch("direct", url);
      expect(res.status).toBe(401);
      const body = await jsonOf<ApiErrorBody>(res);
      expect(body.code).toBe("UNAUTHENTICATED");
      expect(body.message).toMatch(/files\.files/);
    }
    const upload = await stack.fetch("direct", "/api/files/uploads/upload?path=x.txt", {
      method: "POST",
      body: "x",
    });
    expect(upload.status).toBe(401);
    expect(stack.emulator.stats.requestCount()).toBe(0);

    const volumes = await jsonOf<VolumesResponse>(await stack.fetch("direct", "/api/files/volumes"));
    const uploads = volumes.details.find((v) => v.key === "uploads");
    expect(uploads?.actions).toEqual([]);
    expect(uploads?.unavailable).toMatch(/files\.files/);
  });

  it("caches SP reads but never OBO ones", async () => {
    stack.emulator.stats.reset();
    for (let i = 0; i < 3; i++)
      expect((await stack.fetch("bob", "/api/files/shared/list?path=data")).status).toBe(200);
    expect(
      stack.emulator.stats.requestCount({ method: "GET", pathPrefix: "/Volumes/main/demo/shared/data" }),
    ).toBe(1);
    for (let i = 0; i < 3; i++)
      expect((await stack.fetch("alice", "/api/files/uploads/list")).status).toBe(200);
    expect(
      stack.emulator.stats.requestCount({ method: "GET", pathPrefix: "/Volumes/main/demo/uploads" }),
    ).toBe(3);
  });

  it("describes each volume honestly for each caller", async () => {
    const bob = await jsonOf<VolumesResponse>(await stack.fetch("bob", "/api/files/volumes"));
    expect([...bob.volumes].sort()).toEqual(["inbox", "shared", "uploads"]);
    const byKey = Object.fromEntries(bob.details.map((d) => [d.key, d]));
    expect(byKey.shared).toMatchObject({
      auth: "service-principal",
      executedAs: "service-principal",
      policy: "public-read",
    });
    expect(byKey.shared?.actions).not.toContain("upload");
    // On the on-behalf-of-user volume bob's own grants (READ VOLUME only) narrow the policy's allow-all.
    expect(byKey.uploads).toMatchObject({ auth: "on-behalf-of-user", executedAs: "user" });
    expect(byKey.uploads?.actions).toContain("list");
    expect(byKey.uploads?.actions).not.toContain("upload");
    expect(byKey.uploads?.actions).not.toContain("delete");
    expect(byKey.uploads?.deniedBy).toMatch(/WRITE VOLUME/);

    const alice = await jsonOf<VolumesResponse>(await stack.fetch("alice", "/api/files/volumes"));
    const aliceUploads = alice.details.find((d) => d.key === "uploads");
    expect(aliceUploads?.actions).toEqual(expect.arrayContaining(["list", "upload", "delete", "move"]));
    expect(aliceUploads?.deniedBy).toBeUndefined();

    const carol = await jsonOf<VolumesResponse>(await stack.fetch("carol", "/api/files/volumes"));
    const carolUploads = carol.details.find((d) => d.key === "uploads");
    expect(carolUploads?.actions).toEqual([]);
    expect(carolUploads?.deniedBy).toMatch(/READ VOLUME/);
    // The SP volumes are unaffected by carol's missing grants: the app reads them for her.
    expect(carol.details.find((d) => d.key === "shared")?.actions).toContain("list");
  });

  it("asUser(request) runs a custom route as the user, with the same rules", async () => {
    const alice = await stack.fetch("alice", "/api/custom/shared-as-me");
    expect(alice.status).toBe(200);
    expect(await alice.json()).toEqual({ count: 5 });
    // carol holds no grant on shared: as herself, Unity Catalog refuses (as the SP it would not).
    const carol = await stack.fetch("carol", "/api/custom/shared-as-me");
    expect(carol.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(carol)).code).toBe("PERMISSION_DENIED");
    const direct = await stack.fetch("direct", "/api/custom/shared-as-me");
    expect(direct.status).toBe(401);
  });

  it("logs and answers with the request id from x-request-id", async () => {
    const res = await stack.fetch("direct", "/api/files/shared/read?path=..%2Fx", {
      headers: { "x-request-id": "req-matrix-42" },
    });
    expect((await jsonOf<ApiErrorBody>(res)).requestId).toBe("req-matrix-42");
    expect(stack.logs.some((l) => JSON.parse(l).reqId === "req-matrix-42")).toBe(true);
  });

  it("never logs or returns a token", async () => {
    const me = await (await stack.fetch("alice", "/api/me")).text();
    const secrets = [
      ...stack.info.users.map((u) => u.token),
      stack.info.servicePrincipal.token,
      stack.info.servicePrincipal.clientSecret,
    ];
    const logs = stack.logs.join("\n");
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(me).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});

describe("auth-mode matrix (NODE_ENV=development)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { NODE_ENV: "development" } });
  });
  afterAll(() => stack?.close());

  it("OBO volume without a token falls back to the SP with a warning, never cached", async () => {
    stack.emulator.stats.reset();
    for (let i = 0; i < 2; i++) {
      const res = await stack.fetch("direct", "/api/files/uploads/list");
      expect(res.status).toBe(200);
    }
    expect(
      stack.emulator.stats.requestCount({ method: "GET", pathPrefix: "/Volumes/main/demo/uploads" }),
    ).toBe(2);
    const warnings = stack.logs
      .map((l) => JSON.parse(l))
      .filter((l) => l.authFallback === "service-principal");
    expect(warnings.length).toBe(2);
    expect(warnings[0].level).toBe(40);

    // The SP holds only READ VOLUME on uploads: its own grants, not a user's, decide.
    const upload = await stack.fetch("direct", "/api/files/uploads/upload?path=dev.txt", {
      method: "POST",
      body: "x",
    });
    expect(upload.status).toBe(403);
    const audit = stack.logs.map((l) => JSON.parse(l)).find((l) => l.audit && l.path === "dev.txt");
    expect(audit).toMatchObject({
      executedAs: "service-principal",
      isServicePrincipal: true,
      outcome: "denied",
    });
  });

  it("a user with a token still runs as the user", async () => {
    const carol = await stack.fetch("carol", "/api/files/uploads/list");
    expect(carol.status).toBe(403);
  });
});
