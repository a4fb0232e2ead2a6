// The local workspace for benchmarks and the soak: the Files API emulator in this process, the
// app in its own (`node dist/server/main.js`, as in production) so its memory and CPU time are
// its own, and the Apps proxy in a third (proxy-process.ts), as the real one runs apart too.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type AppProcess, startAppProcess } from "../local-workspace/app-process.js";
import { freePort } from "../local-workspace/free-port.js";
import { type LocalWorkspace, startLocalWorkspace } from "../local-workspace/launch.js";
import type { WorkspaceInfo } from "../local-workspace/workspace-info.js";
import { copySeededVolumes } from "../server/test-support/seed-template.js";
import { AppLog } from "./app-log.js";
import { APP_MAIN, ensureServerBuild, PROJECT_DIR } from "./build.js";
import { startProxyProcess } from "./proxy-process.js";

export type DemoUser = "alice" | "bob" | "carol";

export interface Target {
  base: string;
  headers: Record<string, string>;
}

export interface RunningApp {
  process: AppProcess;
  log: AppLog;
  /** The app's URL with the headers the Apps proxy would inject for `user`. */
  direct(user: DemoUser): Target;
}

export interface BenchWorkspace {
  workspace: LocalWorkspace;
  info: WorkspaceInfo;
  workspaceDir: string;
  app: RunningApp;
  /** Through the local Apps proxy (its own process), signed in as `user` (Basic `user:`). */
  viaProxy(user: DemoUser): Target;
  /** The proxy process's pid, for its CPU time. */
  proxyPid: number;
  /** The emulator's Files API with `user`'s own token (or the service principal's). */
  emulator(who: DemoUser | "sp"): Target;
  /** `/Volumes/main/demo/shared` for `shared`. */
  volumePath(key: string): string;
  /** Where a volume's files live on disk. */
  volumeDir(key: string): string;
  /** A second app process (and a proxy in front of it) with extra env, e.g. FILES_CACHE_TTL=0. */
  startVariant(
    env: Record<string, string>,
    options?: { nodeArgs?: string[] },
  ): Promise<{ app: RunningApp; proxyUrl: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

export const basicAuth = (user: string) => `Basic ${Buffer.from(`${user}:`).toString("base64")}`;

async function launchApp(
  env: Record<string, string>,
  port: number,
  principals: () => ReturnType<LocalWorkspace["principals"]>,
  nodeArgs: string[] = [],
): Promise<RunningApp> {
  const process_ = await startAppProcess({
    command: [process.execPath, ...nodeArgs, APP_MAIN],
    env,
    port,
    cwd: PROJECT_DIR,
    output: "pipe",
  });
  const log = new AppLog(process_.child);
  return {
    process: process_,
    log,
    direct(user) {
      const current = principals();
      const found = current.users.find((u) => u.userName.startsWith(`${user}@`));
      if (!found) throw new Error(`no demo user ${user}`);
      const forwardedUser = `${found.id}@${current.workspaceId}`;
      return {
        base: process_.url,
        headers: {
          "x-forwarded-user": forwardedUser,
          "x-forwarded-email": found.userName,
          "x-forwarded-preferred-username": found.userName,
          "x-forwarded-access-token": found.token,
          "x-forwarded-for": "127.0.0.1",
          "x-forwarded-proto": "http",
        },
      };
    },
  };
}

export interface BenchWorkspaceOptions {
  /** App env on top of app.yaml (FILES_*). */
  env?: Record<string, string>;
  /** Extra node options for the app process, e.g. --inspect for the soak's forced GC. */
  nodeArgs?: string[];
  log?: (line: string) => void;
}

export async function startBenchWorkspace(options: BenchWorkspaceOptions = {}): Promise<BenchWorkspace> {
  const log = options.log ?? (() => {});
  ensureServerBuild(log);
  const workspaceDir = await mkdtemp(path.join(tmpdir(), "volumes-browser-bench-"));
  let app: RunningApp | undefined;
  let workspace: LocalWorkspace | undefined;
  // Closed in reverse order of starting.
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await app?.process.stop().catch(() => {});
    await rm(workspaceDir, { recursive: true, force: true });
  };
  try {
    await copySeededVolumes(PROJECT_DIR, workspaceDir);
    const principals = () => {
      if (!workspace) throw new Error("the workspace has not started");
      return workspace.principals();
    };
    const started = await startLocalWorkspace({
      projectDir: PROJECT_DIR,
      workspaceDir,
      shellEnv: { NODE_ENV: "production", PATH: process.env.PATH ?? "", ...options.env },
      appPort: await freePort(),
      proxyPort: 0,
      testHooks: true,
      seed: true,
      startApp: async (env, port) => {
        app = await launchApp(env, port, principals, options.nodeArgs);
        return { url: app.process.url, stop: () => app?.process.stop() ?? Promise.resolve() };
      },
    });
    workspace = started;
    closers.push(() => started.close());
    const info = started.info;
    const proxy = await startProxyProcess(info.appUrl, workspaceDir);
    closers.push(() => proxy.close());
    const volumePath = (key: string) => {
      const found = info.volumes[key];
      if (!found) throw new Error(`no volume ${key}`);
      return found;
    };
    const tokenOf = (who: DemoUser | "sp") =>
      who === "sp" ? info.servicePrincipal.token : (info.users.find((u) => u.name === who)?.token ?? "");
    return {
      workspace: started,
      info,
      workspaceDir,
      app: app as RunningApp,
      viaProxy: (user) => ({ base: proxy.url, headers: { authorization: basicAuth(user) } }),
      proxyPid: proxy.pid,
      emulator: (who) => ({ base: info.emulatorUrl, headers: { authorization: `Bearer ${tokenOf(who)}` } }),
      volumePath,
      volumeDir: (key) => path.join(workspaceDir, "volumes", ...volumePath(key).split("/").slice(2)),
      async startVariant(env, variantOptions = {}) {
        const port = await freePort();
        const variant = await launchApp(
          { ...started.appEnv, ...env, DATABRICKS_APP_PORT: String(port) },
          port,
          principals,
          variantOptions.nodeArgs,
        );
        const variantProxy = await startProxyProcess(variant.process.url, workspaceDir).catch(
          async (err: unknown) => {
            await variant.process.stop();
            throw err;
          },
        );
        let closed = false;
        const close = async () => {
          if (closed) return;
          closed = true;
          await variantProxy.close().catch(() => {});
          await variant.process.stop();
        };
        closers.push(close);
        return { app: variant, proxyUrl: variantProxy.url, close };
      },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
