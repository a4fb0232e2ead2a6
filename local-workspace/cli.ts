// The local workspace as a command: starts everything, prints the banner, stops on Ctrl+C.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startAppProcess } from "./app-process.js";
import { printBanner } from "./banner.js";
import { freePort } from "./free-port.js";
import { startLocalWorkspace } from "./launch.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(here, "..");

/** The app runs as `node dist/server/main.js` (npm start); from sources (npm run dev) through tsx. */
function appCommand(watch: boolean): string[] {
  if (!watch) return [process.execPath, path.join(projectDir, "dist", "server", "main.js")];
  const main = path.join(projectDir, "server", "main.ts");
  return [
    process.execPath,
    "--import",
    "tsx",
    path.join(projectDir, "node_modules/tsx/dist/cli.mjs"),
    "watch",
    main,
  ];
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`${name} must be a positive number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

function positiveInteger(name: string, fallback: number): number {
  const value = positiveNumber(name, fallback);
  if (!Number.isInteger(value)) {
    console.error(`${name} must be a whole number, got "${process.env[name]}"`);
    process.exit(2);
  }
  return value;
}

export async function runLocalWorkspace(options: { watch?: boolean } = {}): Promise<void> {
  const workspaceDir = path.resolve(projectDir, process.env.LOCAL_WORKSPACE_DIR ?? ".local-workspace");
  const proxyPort = positiveNumber("PORT", 8000);
  const appPort = await freePort();
  const command = appCommand(options.watch ?? false);
  const workspace = await startLocalWorkspace({
    projectDir,
    workspaceDir,
    shellEnv: process.env,
    appPort,
    instances: positiveInteger("LOCAL_APP_INSTANCES", 1),
    bundleFile: process.env.LOCAL_BUNDLE_FILE ? path.resolve(process.env.LOCAL_BUNDLE_FILE) : undefined,
    userTokenTtlMs: positiveNumber("LOCAL_USER_TOKEN_TTL_S", 3600) * 1000,
    proxyPort,
    proxyHost: process.env.LOCAL_PROXY_HOST ?? "127.0.0.1",
    proxyTimeoutMs: positiveNumber("LOCAL_PROXY_TIMEOUT_S", 120) * 1000,
    proxyThrottleBytesPerSecond: process.env.LOCAL_PROXY_THROTTLE_KIBPS
      ? positiveNumber("LOCAL_PROXY_THROTTLE_KIBPS", 1) * 1024
      : undefined,
    maxPutBytes: process.env.LOCAL_MAX_PUT_BYTES ? positiveNumber("LOCAL_MAX_PUT_BYTES", 1) : undefined,
    testHooks: process.env.LOCAL_EMULATOR_TEST_HOOKS === "1",
    log: (line) => console.log(`[local] ${line}`),
    startApp: (env, port) => startAppProcess({ command, env, port, cwd: projectDir, output: "readable" }),
  });
  printBanner(workspace, workspaceDir);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local workspace…`);
    await workspace.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
