// Several instances of the app behind the local Apps proxy (LOCAL_APP_INSTANCES), as Databricks
// Apps may run them: requests alternate between instances, every write made through one is seen
// by the other, and what an instance has cached is at most FILES_CACHE_TTL old on the other
// (each instance invalidates only its own cache; nothing is shared between them).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../server/app.js";
import { parseConfig } from "../server/config/parse-config.js";
import { basicAuth, PROJECT_DIR } from "../server/test-support/stack.js";
import type { DirectoryEntry } from "../shared/api/files.js";
import { freePort } from "./free-port.js";
import { type LocalWorkspace, startLocalWorkspace } from "./launch.js";

const CACHE_TTL_MS = 3000;
const DIR = "users/alice@example.com/instances";
const q = encodeURIComponent;

describe("two app instances behind the proxy", () => {
  let workspaceDir: string;
  let workspace: LocalWorkspace;
  /** Which instance (0 or 1) received each request, in order. */
  const served: Array<{ instance: number; url: string }> = [];

  beforeAll(async () => {
    workspaceDir = await mkdtemp(path.join(tmpdir(), "instances-"));
    let started = 0;
    workspace = await startLocalWorkspace({
      projectDir: PROJECT_DIR,
      workspaceDir,
      shellEnv: { NODE_ENV: "production", FILES_CACHE_TTL: `${CACHE_TTL_MS}ms` },
      appPort: await freePort(),
      instances: 2,
      proxyPort: 0,
      seed: false,
      // Each instance is a whole app of its own (config, clients, read cache), as a process would be.
      startApp: async (env, port) => {
        const instance = started++;
        const { app } = await buildApp(parseConfig(env), {
          clientDir: path.join(workspaceDir, "no-client-build"),
          logger: false,
        });
        await app.listen({ host: "127.0.0.1", port });
        app.server.on("request", (req) => served.push({ instance, url: req.url ?? "" }));
        return { url: `http://127.0.0.1:${port}`, stop: () => app.close() };
      },
    });
  }, 60_000);
  afterAll(async () => {
    await workspace?.close();
    await rm(workspaceDir, { recursive: true, force: true });
  });

  const call = (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", basicAuth("alice"));
    if (init.method && init.method !== "GET") headers.set("x-requested-with", "volumes-browser");
    return fetch(`${workspace.proxy.url}${url}`, { ...init, headers });
  };
  const post = (url: string, body: unknown) =>
    call(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const names = async (rel = DIR) => {
    const res = await call(`/api/files/inbox/list?path=${q(rel)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as DirectoryEntry[]).map((e) => e.name).sort();
  };
  /** The instance that answered the latest request. */
  const lastInstance = () => served.at(-1)?.instance;

  it("takes turns and each write lands, whichever instance made it", async () => {
    expect(workspace.apps).toHaveLength(2);
    expect((await post("/api/files/inbox/mkdir", { path: DIR })).status).toBe(200);
    const first = lastInstance();
    expect(await names()).toEqual([]);
    expect(lastInstance()).toBe(1 - (first ?? 0));

    // Instance B now holds DIR's (empty) listing in its cache; A uploads into DIR.
    const cachedAt = Date.now();
    const upload = await call(`/api/files/inbox/upload?path=${q(`${DIR}/a.txt`)}`, {
      method: "POST",
      body: "a",
    });
    expect(upload.status).toBe(200);
    expect(lastInstance()).toBe(first);
    // B answers from its cache: A's write did not reach it (stale, but within the TTL).
    expect(await names()).toEqual([]);
    expect(Date.now() - cachedAt).toBeLessThan(CACHE_TTL_MS);
    // A invalidated its own cache when it wrote: fresh there.
    expect(await names()).toEqual(["a.txt"]);
    // Once the TTL has passed, B asks the Files API again.
    await new Promise((r) => setTimeout(r, Math.max(0, cachedAt + CACHE_TTL_MS + 100 - Date.now())));
    expect(await names()).toEqual(["a.txt"]);

    // Copy, rename, delete and mkdir, alternating instances, each on the other's last write.
    const copy = await post("/api/files/inbox/copy", { from: `${DIR}/a.txt`, to: `${DIR}/b.txt` });
    expect(copy.status).toBe(200);
    const move = await post("/api/files/inbox/move", { from: `${DIR}/b.txt`, to: `${DIR}/c.txt` });
    expect(move.status).toBe(200);
    expect((await call(`/api/files/inbox?path=${q(`${DIR}/a.txt`)}`, { method: "DELETE" })).status).toBe(200);
    expect((await post("/api/files/inbox/mkdir", { path: `${DIR}/sub` })).status).toBe(200);
    // Each instance wrote into DIR since it last listed it, so both see everything now.
    expect(await names()).toEqual(["c.txt", "sub"]);
    expect(await names()).toEqual(["c.txt", "sub"]);
    const read = await call(`/api/files/inbox/read?path=${q(`${DIR}/c.txt`)}`);
    expect(await read.text()).toBe("a");

    // Strictly alternating, so every step above ran on the instance other than the one before.
    const order = served.map((s) => s.instance);
    expect(order.length).toBeGreaterThanOrEqual(12);
    for (let i = 1; i < order.length; i++) expect(order[i]).toBe(1 - (order[i - 1] ?? 0));
  });
});
