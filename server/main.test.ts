// main.ts as Databricks Apps runs it (its own process, env only): it refuses to start with
// credentials that don't work, and on SIGTERM lets in-flight requests finish, then exits.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import http2 from "node:http2";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../local-workspace/app-process.js";
import { freePort } from "../local-workspace/free-port.js";
import { type LocalWorkspace, startLocalWorkspace } from "../local-workspace/launch.js";
import { basicAuth, PROJECT_DIR } from "./test-support/stack.js";

const MAIN = [process.execPath, "--import", "tsx", path.join(PROJECT_DIR, "server/main.ts")];

function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(MAIN[0] as string, MAIN.slice(1), {
      cwd: PROJECT_DIR,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The status of a GET over an HTTP/2 session, once its body has been read. */
function h2Get(session: http2.ClientHttp2Session, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ":method": "GET", ":path": path });
    let status = 0;
    stream.on("response", (headers) => {
      status = Number(headers[":status"]);
    });
    stream.on("error", reject);
    stream.on("end", () => resolve(status));
    stream.resume();
  });
}

describe("main", () => {
  let workspaceDir: string;
  let workspace: LocalWorkspace;
  let app: AppProcess | undefined;
  let output = "";

  beforeAll(async () => {
    workspaceDir = await mkdtemp(path.join(tmpdir(), "main-test-"));
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
        app.child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
        app.child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
        return app;
      },
    });
  }, 60_000);
  afterAll(async () => {
    await workspace?.close();
    await rm(workspaceDir, { recursive: true, force: true });
  });

  it("refuses to start when the service principal cannot sign in", async () => {
    const env = {
      ...workspace.appEnv,
      DATABRICKS_CLIENT_SECRET: "wrong",
      DATABRICKS_APP_PORT: String(await freePort()),
    };
    const { code, output: log } = await runMain(env);
    expect(code).toBe(2);
    expect(log).toMatch(/Cannot sign in to Databricks/);
    expect(log).not.toContain("wrong");
  }, 30_000);

  it("answers HTTP/2 cleartext, as Databricks Apps requires, and HTTP/1.1 on its one port", async () => {
    const running = app as AppProcess;
    const session = http2.connect(running.url);
    try {
      // Not a listing: a cached one would spare the next test its slow in-flight request.
      const status = await h2Get(session, "/api/files/inbox/exists?path=probe.txt");
      expect(status).toBe(200);
      expect(session.alpnProtocol).toBe("h2c");
    } finally {
      session.close();
    }
    expect((await fetch(`${running.url}/api/files/inbox/exists?path=probe.txt`)).status).toBe(200);
  });

  it("writes its log lines in batches, yet a quiet app's line still shows within a second", async () => {
    const running = app as AppProcess;
    const marker = `quiet-${Date.now()}.txt`;
    const res = await fetch(`${running.url}/api/files/inbox/exists?path=${marker}`);
    expect(res.status).toBe(200);
    const deadline = Date.now() + 1_000;
    while (!output.includes(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(output).toContain(marker);
  });

  it("finishes in-flight requests after SIGTERM, refuses new ones, and exits", async () => {
    const running = app as AppProcess;
    workspace.emulator.faults.add({ method: "GET", pathPrefix: "/Volumes/main/demo/shared", delayMs: 1500 });
    workspace.emulator.faults.add({ method: "GET", pathPrefix: "/Volumes/main/demo/inbox", delayMs: 1500 });
    const inFlight = fetch(`${workspace.info.proxyUrl}/api/files/shared/list`, {
      headers: { authorization: basicAuth("alice") },
    });
    // The same over HTTP/2: the session is told to go away and closes once its stream is done.
    const session = http2.connect(running.url);
    const inFlightH2 = h2Get(session, "/api/files/inbox/list");
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((resolve) =>
      running.child.once("exit", (code) => resolve(code)),
    );
    const started = Date.now();
    running.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    const late = await fetch(`${running.url}/health`).then(
      (res) => res.status,
      () => "refused",
    );
    expect([503, "refused"]).toContain(late);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await inFlightH2).toBe(200);
    expect(await exited).toBe(0);
    // Done when the last request is: not at the abort deadline.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(output).toMatch(/shutting down/);
    // Lines still buffered at exit are written: the in-flight list's line comes after the signal.
    expect(output).toMatch(/"url":"\/api\/files\/inbox\/list"/);
  }, 30_000);
});
