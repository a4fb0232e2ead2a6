// Starts the built product on a fresh local workspace (emulator + app + Apps proxy), exactly as
// `npm start` does, and shares its endpoints and demo tokens with the specs via workspace.json.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { E2E_WORKSPACE_DIR } from "./workspace";

async function waitForFile(file: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (child.exitCode !== null) throw new Error(`the local workspace exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the local workspace did not start within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  rmSync(E2E_WORKSPACE_DIR, { recursive: true, force: true });
  const start = path.resolve("dist/server/start.js");
  if (!existsSync(start)) throw new Error("build first: npm run build");
  const child = spawn(process.execPath, [start], {
    env: {
      ...process.env,
      DATABRICKS_HOST: "",
      DATABRICKS_CONFIG_PROFILE: "",
      PORT: process.env.E2E_PORT ?? "18765",
      LOCAL_WORKSPACE_DIR: E2E_WORKSPACE_DIR,
      LOCAL_EMULATOR_TEST_HOOKS: "1",
      // As an admin would write it: the UI must show "1 MB", not "977 KiB" (dropbox.spec.ts).
      FILES_INBOX_MAX_UPLOAD_SIZE: "1MB",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForFile(path.join(E2E_WORKSPACE_DIR, "workspace.json"), child, 90_000);
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
