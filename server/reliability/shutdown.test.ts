// SIGTERM with transfers in flight, the app running as its own process (as Databricks Apps runs
// it): new requests are refused at once, an upload that can finish does, one that cannot is
// aborted at the grace deadline without leaving a file, a stuck download is cut, and the process
// exits within the platform's 15 s with nothing half-written.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../../local-workspace/app-process.js";
import { freePort } from "../../local-workspace/free-port.js";
import { type LocalWorkspace, startLocalWorkspace } from "../../local-workspace/launch.js";
import { rawRequest, writeChunk } from "../test-support/http.js";
import { basicAuth, PROJECT_DIR } from "../test-support/stack.js";
import { contentOf, exists, settled, sleep } from "./test-support/leaks.js";

const MAIN = [process.execPath, "--import", "tsx", path.join(PROJECT_DIR, "server/main.ts")];
const PLATFORM_KILL_MS = 15_000;

/**
 * Reads one chunk of a download and then stops reading, like a stalled client, until `resume()`
 * (a paused socket would never notice the other side closing).
 */
function stalledDownload(url: string, headers: Record<string, string>) {
  let resume = () => {};
  const result = new Promise<{ status: number; received: number; complete: boolean }>((resolve, reject) => {
    const req = http.get(url, { agent: false, headers }, (res) => {
      let received = 0;
      res.once("data", (chunk: Buffer) => {
        received += chunk.length;
        res.pause();
        resume = () => {
          res.on("data", (more: Buffer) => (received += more.length));
          res.resume();
        };
      });
      res.on("error", () => {});
      res.on("close", () => resolve({ status: res.statusCode ?? 0, received, complete: res.complete }));
    });
    req.on("error", reject);
  });
  return { result, resume: () => resume() };
}

describe("SIGTERM during transfers", () => {
  let workspaceDir: string;
  let workspace: LocalWorkspace;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    workspaceDir = await mkdtemp(path.join(tmpdir(), "shutdown-test-"));
    workspace = await startLocalWorkspace({
      projectDir: PROJECT_DIR,
      workspaceDir,
      shellEnv: { NODE_ENV: "production", PATH: process.env.PATH ?? "" },
      appPort: await freePort(),
      proxyPort: 0,
      testHooks: true,
      seed: false,
      startApp: async (env, port) => {
        app = await startAppProcess({ command: MAIN, env, port, cwd: PROJECT_DIR, output: "pipe" });
        // Read the logs so a full pipe never blocks the app.
        app.child.stdout?.resume();
        app.child.stderr?.resume();
        return app;
      },
    });
  }, 60_000);
  afterAll(async () => {
    await workspace?.close();
    await rm(workspaceDir, { recursive: true, force: true });
  });

  const onDisk = (rel: string) => path.join(workspaceDir, "volumes/main/demo/uploads", rel);

  it("refuses new work, finishes or cleanly aborts what is in flight, and exits within 15 s", async () => {
    const running = app as AppProcess;
    const big = randomBytes(64 * 1024 * 1024);
    await mkdir(onDisk("shutdown"), { recursive: true });
    await writeFile(onDisk("shutdown/big.bin"), big);
    const base = workspace.info.proxyUrl;
    const headers = { authorization: basicAuth("alice"), "x-requested-with": "volumes-browser" };
    const upload = (rel: string, body: Buffer, chunk: number, pauseMs: number) =>
      rawRequest(`${base}/api/files/uploads/upload?path=${encodeURIComponent(rel)}`, {
        method: "POST",
        headers: { ...headers, "content-length": String(body.length) },
        timeoutMs: 30_000,
        write: async (req) => {
          for (let i = 0; i < body.length; i += chunk) {
            if (!(await writeChunk(req, body.subarray(i, i + chunk)))) return;
            await sleep(pauseMs);
          }
        },
      }).catch((err: unknown) => ({ status: 0, body: Buffer.from(String(err)), headers: {} }));

    // Finishes about 1.5 s after SIGTERM; well above the minimum upload rate.
    const short = randomBytes(256 * 1024);
    const finishing = upload("shutdown/finishes.bin", short, 16 * 1024, 100);
    // Would need about 40 s: still running at the grace deadline.
    const long = randomBytes(160 * 1024);
    const unfinished = upload("shutdown/unfinished.bin", long, 4 * 1024, 1_000);
    const stalled = stalledDownload(`${base}/api/files/uploads/download?path=shutdown/big.bin`, headers);
    await sleep(500);

    const exited = new Promise<number | null>((resolve) =>
      running.child.once("exit", (code) => resolve(code)),
    );
    const signalled = Date.now();
    running.child.kill("SIGTERM");
    await sleep(300);
    const late = await fetch(`${running.url}/health`).then(
      (res) => res.status,
      () => "refused",
    );
    expect([503, "refused"]).toContain(late);

    const done = await finishing;
    expect(done.status).toBe(200);
    expect((await contentOf(onDisk("shutdown/finishes.bin")))?.equals(short)).toBe(true);

    const code = await exited;
    const exitMs = Date.now() - signalled;
    expect(exitMs).toBeLessThan(PLATFORM_KILL_MS);
    expect(code).toBe(0);

    const cut = await unfinished;
    // Aborted at the grace deadline with an answer that says why.
    expect(cut.status).toBe(503);
    expect(JSON.parse(cut.body.toString()).code).toBe("SHUTTING_DOWN");
    stalled.resume();
    const download = await stalled.result;
    expect(download.status).toBe(200);
    expect(download.complete).toBe(false);

    // Nothing half-written: no upstream request open, nothing staged, no partial file.
    await settled(workspace.emulator, workspaceDir);
    expect(await exists(onDisk("shutdown/unfinished.bin"))).toBe(false);
    expect((await contentOf(onDisk("shutdown/big.bin")))?.equals(big)).toBe(true);
  }, 45_000);
});
