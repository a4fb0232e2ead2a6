// Starts the built product on a fresh local workspace (emulator + app + Apps proxy), exactly as
// `npm start` does, and shares its endpoints and demo tokens with the specs via workspace.json.
// Its log (thousands of request lines) goes to a file, not into the test report.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { E2E_WORKSPACE_DIR, POLICY_HIDDEN_FOLDER } from "./workspace";

export async function waitForFile(file: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (child.exitCode !== null) throw new Error(`the local workspace exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the local workspace did not start within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Where the local workspace's output goes; printed so a failure can be read next to it. */
// Beside its workspace, so a run on another port (E2E_PORT) keeps its own log.
export const E2E_LOG_FILE = `${E2E_WORKSPACE_DIR}.log`;

export function logTail(lines: number, file = E2E_LOG_FILE): string {
  if (!existsSync(file)) return "";
  return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  rmSync(E2E_WORKSPACE_DIR, { recursive: true, force: true });
  if (!existsSync(path.resolve("dist/server/main.js"))) throw new Error("build first: npm run build");
  mkdirSync(path.dirname(E2E_LOG_FILE), { recursive: true });
  const log = openSync(E2E_LOG_FILE, "w");
  console.log(`local workspace log: ${path.relative(process.cwd(), E2E_LOG_FILE)}`);
  // What `npm start` runs without a workspace (scripts/start.mjs), minus its build check.
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("local-workspace/start.ts")], {
    env: {
      ...process.env,
      DATABRICKS_HOST: "",
      DATABRICKS_CONFIG_PROFILE: "",
      PORT: process.env.E2E_PORT ?? "18765",
      LOCAL_WORKSPACE_DIR: E2E_WORKSPACE_DIR,
      LOCAL_EMULATOR_TEST_HOOKS: "1",
      // As an admin would write it: the UI must show "1 MB", not "977 KiB" (dropbox.spec.ts).
      FILES_INBOX_MAX_UPLOAD_SIZE: "1MB",
      // uploads as in app.yaml (allow-all), but with one folder nobody may list, so specs can
      // show that a search never enters it (search-subfolders.spec.ts).
      FILES_UPLOADS_POLICY: `all(allow-all, not(path("${POLICY_HIDDEN_FOLDER}", "${POLICY_HIDDEN_FOLDER}/**")))`,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  try {
    await waitForFile(path.join(E2E_WORKSPACE_DIR, "workspace.json"), child, 90_000);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}; its log (${E2E_LOG_FILE}) ends with:\n${logTail(30)}`);
  }
  const info = JSON.parse(readFileSync(path.join(E2E_WORKSPACE_DIR, "workspace.json"), "utf8"));
  process.env.E2E_BASE_URL = info.proxyUrl;
  return async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => {
      if (child.exitCode !== null) resolve(undefined);
      child.once("exit", resolve);
      setTimeout(() => {
        child.kill("SIGKILL");
        resolve(undefined);
      }, 15_000);
    });
  };
}
