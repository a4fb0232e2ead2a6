// The local workspace restarts its app for a test (POST /.proxy/test/restart-apps, with test
// hooks on): every instance stops and starts again on its port with the same env, so what the
// app derives from its env (the upload-token key among it) is the same afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../server/test-support/stack.js";
import { freePort } from "./free-port.js";
import { type LocalWorkspace, startLocalWorkspace } from "./launch.js";

describe("restarting the app of a local workspace", () => {
  let workspaceDir: string;
  let workspace: LocalWorkspace;
  /** Per start: port, the env's client secret, and whether it was stopped. */
  const starts: Array<{ port: number; secret: string | undefined; stopped: boolean }> = [];

  beforeAll(async () => {
    workspaceDir = await mkdtemp(path.join(tmpdir(), "restart-apps-"));
    workspace = await startLocalWorkspace({
      projectDir: PROJECT_DIR,
      workspaceDir,
      shellEnv: {},
      appPort: await freePort(),
      instances: 2,
      seed: false,
      testHooks: true,
      // A bare app per instance: what matters here is that it goes away and comes back.
      startApp: async (env, port) => {
        const start = { port, secret: env.DATABRICKS_CLIENT_SECRET, stopped: false };
        starts.push(start);
        const server = http.createServer((_req, res) => res.end(`start ${starts.indexOf(start)}`));
        await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
        return {
          url: `http://127.0.0.1:${port}`,
          stop: async () => {
            start.stopped = true;
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
          },
        };
      },
    });
  }, 60_000);
  afterAll(async () => {
    await workspace?.close();
    await rm(workspaceDir, { recursive: true, force: true });
  });

  it("stops every instance and starts it again on the same port with the same env", async () => {
    expect(starts).toHaveLength(2);
    const res = await fetch(`${workspace.proxy.url}/.proxy/test/restart-apps`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(starts).toHaveLength(4);
    expect(starts.slice(0, 2).every((s) => s.stopped)).toBe(true);
    expect(starts.slice(2).every((s) => !s.stopped)).toBe(true);
    expect(starts.slice(2).map((s) => s.port)).toEqual(starts.slice(0, 2).map((s) => s.port));
    expect(starts[2]?.secret).toBeTruthy();
    expect(starts.slice(2).map((s) => s.secret)).toEqual(starts.slice(0, 2).map((s) => s.secret));
    // The proxy reaches the new processes.
    const auth = { authorization: `Basic ${Buffer.from("alice:").toString("base64")}` };
    const answers = new Set<string>();
    for (let i = 0; i < 2; i++)
      answers.add(await (await fetch(`${workspace.proxy.url}/x`, { headers: auth })).text());
    expect(answers).toEqual(new Set(["start 2", "start 3"]));
  });

  it("closes the restarted instances with the workspace", async () => {
    await workspace.close();
    expect(starts.every((s) => s.stopped)).toBe(true);
  });
});
