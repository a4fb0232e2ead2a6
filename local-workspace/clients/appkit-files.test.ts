// AppKit's files plugin (@databricks/appkit, a client no one here wrote) runs unchanged against the
// local workspace: its own process, the environment Databricks Apps sets, our Apps proxy in front,
// requests over real HTTP as the demo users. Where it and the emulator disagree, production and
// our tests would disagree too.
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess } from "../app-process.js";
import { freePort } from "../free-port.js";
import { type LocalWorkspace, startLocalWorkspace } from "../launch.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = path.resolve(HERE, "../..");
const APP_SCRIPT = path.join(HERE, "test-support/appkit-files-app.ts");
// Absolute, because the app runs in an empty directory (so AppKit finds no static build or .env).
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

let ws: LocalWorkspace;
let workspaceDir: string;

beforeAll(async () => {
  workspaceDir = await mkdtemp(path.join(tmpdir(), "appkit-files-"));
  const appCwd = path.join(workspaceDir, "app");
  await mkdir(appCwd);
  try {
    ws = await startLocalWorkspace({
      projectDir: PROJECT_DIR,
      workspaceDir,
      shellEnv: { NODE_ENV: "production" },
      appPort: await freePort(),
      seed: false,
      startApp: async (env, port) => {
        // Without DATABRICKS_WORKSPACE_ID AppKit asks SCIM Me for the workspace id and refuses to
        // start unless the answer carries X-Databricks-Org-Id; dropping it proves the emulator
        // sends that header as Databricks does.
        const { DATABRICKS_WORKSPACE_ID: _dropped, ...appEnv } = env;
        // AppKit 0.38's files manifest requires a volume keyed `files` in production, whatever
        // else is configured, so an AppKit app's app.yaml declares one; here it is the inbox.
        appEnv.DATABRICKS_VOLUME_FILES = env.DATABRICKS_VOLUME_INBOX ?? "";
        const app = await startAppProcess({
          command: [process.execPath, "--import", TSX, APP_SCRIPT],
          env: appEnv,
          port,
          cwd: appCwd,
          output: "pipe",
          readyTimeoutMs: 45_000,
        }).catch((err: unknown) => {
          // Its output is piped and lost with the process; run the script by hand to see why.
          throw new Error(`AppKit did not start (${APP_SCRIPT}): ${String(err)}`);
        });
        // Drained so a chatty app never blocks on a full pipe.
        app.child.stdout?.resume();
        app.child.stderr?.resume();
        return app;
      },
    });
  } catch (err) {
    await rm(workspaceDir, { recursive: true, force: true });
    throw err;
  }
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await rm(workspaceDir, { recursive: true, force: true });
});

function basic(user: string): string {
  return `Basic ${Buffer.from(`${user}:`).toString("base64")}`;
}

/** A request through the local Apps proxy, signed in as a demo user. */
function asUser(user: "alice" | "bob" | "carol", url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", basic(user));
  return fetch(`${ws.proxy.url}/api/files${url}`, { ...init, headers });
}

function onDisk(key: string, rel: string): string {
  const volume = ws.info.volumes[key] ?? "";
  return path.join(workspaceDir, "volumes", ...volume.split("/").slice(2), ...rel.split("/"));
}

describe("AppKit's files plugin against the local workspace", () => {
  it("started with the Apps environment minus DATABRICKS_WORKSPACE_ID and found the app.yaml volumes", async () => {
    const res = await asUser("alice", "/volumes");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { volumes: string[] }).volumes.sort()).toEqual([
      "files",
      "inbox",
      "shared",
      "uploads",
    ]);
  });

  it("uploads, lists, reads, downloads, reads metadata, makes and deletes as the service principal", async () => {
    const body = "region,total\nnorth,12\n";
    const up = await asUser("alice", `/inbox/upload?path=${encodeURIComponent("appkit/report 1.csv")}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body,
    });
    expect(up.status).toBe(200);
    expect(await readFile(onDisk("inbox", "appkit/report 1.csv"), "utf8")).toBe(body);

    const made = await asUser("alice", "/inbox/mkdir", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "appkit/sub" }),
    });
    expect(made.status).toBe(200);

    const list = await asUser("alice", "/inbox/list?path=appkit");
    expect(list.status).toBe(200);
    const entries = (await list.json()) as Array<{ name: string; is_directory: boolean; file_size?: number }>;
    expect(entries.map((e) => [e.name, e.is_directory, e.file_size]).sort()).toEqual([
      ["report 1.csv", false, body.length],
      ["sub", true, undefined],
    ]);

    const read = await asUser("alice", `/inbox/read?path=${encodeURIComponent("appkit/report 1.csv")}`);
    expect(await read.text()).toBe(body);

    const download = await asUser(
      "alice",
      `/inbox/download?path=${encodeURIComponent("appkit/report 1.csv")}`,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect(await download.text()).toBe(body);

    const meta = await asUser("alice", `/inbox/metadata?path=${encodeURIComponent("appkit/report 1.csv")}`);
    // AppKit's docs type contentLength as a number; it passes on the SDK's string (SDK trap 7 in
    // docs/files-api.md), as it would against Databricks.
    expect(await meta.json()).toMatchObject({ contentLength: String(body.length), contentType: "text/csv" });

    const del = await asUser("alice", `/inbox?path=${encodeURIComponent("appkit/report 1.csv")}`, {
      method: "DELETE",
    });
    expect(del.status).toBe(200);
    const exists = await asUser("alice", `/inbox/exists?path=${encodeURIComponent("appkit/report 1.csv")}`);
    expect(await exists.json()).toEqual({ exists: false });
  });

  it("runs on-behalf-of-user calls with the token the proxy forwards, so Unity Catalog grants apply", async () => {
    const up = await asUser("alice", "/uploads/upload?path=appkit-obo.txt", { method: "POST", body: "mine" });
    expect(up.status).toBe(200);
    expect(await readFile(onDisk("uploads", "appkit-obo.txt"), "utf8")).toBe("mine");
    // bob only reads: the emulator refuses his write with his own token.
    const denied = await asUser("bob", "/uploads/upload?path=appkit-bob.txt", { method: "POST", body: "x" });
    // The policy allows everything here, so this 403 is Unity Catalog's, passed on by AppKit.
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: "Forbidden", plugin: "files" });
    await expect(readFile(onDisk("uploads", "appkit-bob.txt"))).rejects.toThrow(/ENOENT/);
    const read = await asUser("bob", "/uploads/read?path=appkit-obo.txt");
    expect(await read.text()).toBe("mine");
  });

  it("applies its own policy before any Files API call", async () => {
    const res = await asUser("alice", "/shared/upload?path=nope.txt", { method: "POST", body: "x" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /Policy denied "upload" on volume "shared"/,
    );
  });
});
