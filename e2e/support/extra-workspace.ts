// A second local workspace for specs that need one configured differently from the shared one
// (e.g. other user_api_scopes in databricks.yml): the built product started the way global-setup
// starts it, on a free port, in its own directory. Sign in to it with
// `test.use({ workspaceDir })` and the usual pageAs fixture.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { bundleWithScopes } from "../../local-workspace/test-support/bundle-with-scopes";
import { logTail, waitForFile } from "./global-setup";
import { E2E_WORKSPACE_DIR, test } from "./workspace";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the product in `dir` with `env` on top; resolves once it serves, to a stop function. */
export async function startExtraWorkspace(
  dir: string,
  env: Record<string, string>,
): Promise<() => Promise<void>> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const logFile = `${dir}.log`;
  const log = openSync(logFile, "w");
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("local-workspace/start.ts")], {
    env: {
      ...process.env,
      DATABRICKS_HOST: "",
      DATABRICKS_CONFIG_PROFILE: "",
      PORT: String(await freePort()),
      LOCAL_WORKSPACE_DIR: dir,
      ...env,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  try {
    await waitForFile(path.join(dir, "workspace.json"), child, 90_000);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}; its log (${logFile}) ends with:\n${logTail(30, logFile)}`);
  }
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
}

/**
 * For a whole spec file (top level: it forces its own worker): the fixtures sign in to a local
 * workspace of its own, whose databricks.yml has `scopes` as user_api_scopes (undefined: none,
 * user authorization off).
 */
export function runOwnWorkspaceWithScopes(name: string, scopes: string[] | undefined): void {
  const dir = `${E2E_WORKSPACE_DIR}-${name}`;
  test.use({ workspaceDir: dir });
  let stop: (() => Promise<void>) | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const bundle = await bundleWithScopes(path.resolve("."), scopes);
    stop = await startExtraWorkspace(dir, { LOCAL_BUNDLE_FILE: bundle });
  });
  test.afterAll(async () => {
    await stop?.();
  });
}
