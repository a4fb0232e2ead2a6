// Starts the whole local workspace: Files API emulator, the app, and the Apps proxy in front,
// configured from the project's real app.yaml and databricks.yml.
import { mkdir as mkdirAsync } from "node:fs/promises";
import path from "node:path";
import { buildAppEnv, configuredVolumes } from "./app-env.js";
import { loadAppManifest } from "./app-manifest.js";
import { type Emulator, emulatorSettingsFromEnv, startEmulator } from "./emulator/index.js";
import { USER_TOKEN_TTL_MS } from "./emulator/scoped-tokens.js";
import { freePort } from "./free-port.js";
import {
  createPrincipals,
  ensureVolumes,
  type PrincipalsFile,
  readPrincipals,
  type VolumePrivilege,
  writePrincipals,
} from "./principals.js";
import { type AppsProxy, startProxy } from "./proxy/index.js";
import { seedVolumes } from "./seed-volumes.js";
import { type WorkspaceInfo, workspaceInfo, writeWorkspaceInfo } from "./workspace-info.js";

export interface RunningApp {
  url: string;
  /** SIGTERM; after `graceMs` (the starter's default when absent) SIGKILL. */
  stop(graceMs?: number): Promise<void>;
}

export interface LocalWorkspaceOptions {
  projectDir: string;
  workspaceDir: string;
  /** The developer's environment; FILES_* and DATABRICKS_VOLUME_* set here override app.yaml. */
  shellEnv: Record<string, string | undefined>;
  /** Starts the app with the given env on the given loopback port. */
  startApp: (env: Record<string, string>, port: number) => Promise<RunningApp>;
  appPort: number;
  /** How many instances of the app run behind the proxy (round-robin); default 1. */
  instances?: number;
  /** The databricks.yml to read instead of the project's (tests try other user_api_scopes). */
  bundleFile?: string;
  /** Lifetime of the user tokens the proxy forwards; default one hour, as on Databricks. */
  userTokenTtlMs?: number;
  proxyPort?: number;
  proxyHost?: string;
  proxyTimeoutMs?: number;
  /** Request body throughput through the proxy, bytes per second; absent or 0: no limit. */
  proxyThrottleBytesPerSecond?: number;
  emulatorPort?: number;
  maxPutBytes?: number;
  testHooks?: boolean;
  seed?: boolean;
  log?: (line: string) => void;
}

export interface LocalWorkspace {
  info: WorkspaceInfo;
  infoFile: string;
  principals: () => PrincipalsFile;
  emulator: Emulator;
  proxy: AppsProxy;
  /** The first instance of the app. */
  app: RunningApp;
  /** Every instance, in the order the proxy takes turns (replaced in place by `restartApps`). */
  apps: RunningApp[];
  /**
   * Stops every app instance and starts it again on its port with the same env (so the same
   * upload-token key), as a redeploy would; resolves once all answer /health again.
   */
  restartApps(graceMs?: number): Promise<void>;
  /** The first instance's env (the others differ only in DATABRICKS_APP_PORT). */
  appEnv: Record<string, string>;
  /** user_api_scopes from databricks.yml: empty means user authorization is off. */
  userApiScopes: string[];
  /** Lifetime of the user tokens the proxy forwards. */
  userTokenTtlMs: number;
  close(): Promise<void>;
}

async function preparePrincipals(
  workspaceDir: string,
  volumes: Array<{ fullName: string; servicePrincipalPrivileges: VolumePrivilege[] }>,
): Promise<PrincipalsFile> {
  const existing = await readPrincipals(workspaceDir);
  const principals = existing ?? createPrincipals();
  if (ensureVolumes(principals, volumes) || !existing) await writePrincipals(workspaceDir, principals);
  return principals;
}

export async function startLocalWorkspace(options: LocalWorkspaceOptions): Promise<LocalWorkspace> {
  const log = options.log ?? (() => {});
  await mkdirAsync(options.workspaceDir, { recursive: true });
  const manifest = await loadAppManifest(options.projectDir, options.bundleFile);

  // The app's env decides which volumes exist (app.yaml plus any the developer exported).
  const probeEnv: Record<string, string> = { ...manifest.env };
  for (const [k, v] of Object.entries(options.shellEnv)) {
    if (v !== undefined && /^DATABRICKS_VOLUME_/.test(k)) probeEnv[k] = v;
  }
  const volumes = configuredVolumes(probeEnv);
  const principals = await preparePrincipals(
    options.workspaceDir,
    volumes.map((v) => {
      const resource = manifest.volumes.find((m) => m.fullName === v.fullName);
      // A WRITE_VOLUME app resource lets the SP read and write; a volume the developer added
      // outside the bundle gets both so it can be tried at once.
      const privileges: VolumePrivilege[] =
        resource?.permission === "READ_VOLUME" ? ["READ_VOLUME"] : ["READ_VOLUME", "WRITE_VOLUME"];
      return { fullName: v.fullName, servicePrincipalPrivileges: privileges };
    }),
  );
  if (options.seed ?? true) await seedVolumes(options.workspaceDir, volumes, log);

  const emulator = await startEmulator({
    workspaceDir: options.workspaceDir,
    port: options.emulatorPort ?? 0,
    maxPutBytes: options.maxPutBytes,
    testHooks: options.testHooks ?? false,
    // LOCAL_WORKSPACE_RATE_LIMIT, LOCAL_WORKSPACE_CLOUD (emulator/settings.ts).
    ...emulatorSettingsFromEnv(options.shellEnv),
  });
  const closers: Array<() => Promise<void>> = [() => emulator.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };
  try {
    const instances = options.instances ?? 1;
    if (!Number.isInteger(instances) || instances < 1)
      throw new Error(`instances must be 1 or more, got ${instances}`);
    const ports = [options.appPort];
    while (ports.length < instances) ports.push(await freePort());
    const envFor = (port: number) =>
      buildAppEnv({
        shell: options.shellEnv,
        appYaml: manifest.env,
        emulatorUrl: emulator.url,
        appPort: port,
        principals,
        noConfigFile: path.join(options.workspaceDir, "no-databrickscfg"),
      });
    const appEnv = envFor(options.appPort);
    // Started together; if one fails, the ones that came up are stopped with the rest.
    const started = await Promise.allSettled(ports.map((port) => options.startApp(envFor(port), port)));
    const apps: RunningApp[] = [];
    for (const result of started) {
      if (result.status === "fulfilled") {
        const index = apps.push(result.value) - 1;
        // The instance at this index when closing: a restart replaces it.
        closers.push(() => (apps[index] as RunningApp).stop());
      }
    }
    const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    const app = apps[0] as RunningApp;
    let restarting: Promise<void> | undefined;
    const restartApps = (graceMs = 2_000): Promise<void> => {
      // One restart at a time: a second request waits for the one under way.
      restarting ??= (async () => {
        try {
          await Promise.all(
            ports.map(async (port, i) => {
              await (apps[i] as RunningApp).stop(graceMs);
              apps[i] = await options.startApp(envFor(port), port);
            }),
          );
          log(`app restarted (${ports.length} instance${ports.length === 1 ? "" : "s"})`);
        } finally {
          restarting = undefined;
        }
      })();
      return restarting;
    };
    // The proxy signs people in with the identities the emulator enforces (one watcher of principals.json).
    const currentPrincipals = () => emulator.principals();
    const proxy = await startProxy({
      appUrl: app.url,
      moreAppUrls: apps.slice(1).map((a) => a.url),
      principals: currentPrincipals,
      // Databricks Apps forwards a user token only when user_api_scopes is set.
      userAuthorization: {
        scopes: manifest.userApiScopes,
        issue: (user, scopes) => emulator.issueUserToken(user.userName, scopes, options.userTokenTtlMs),
      },
      host: options.proxyHost ?? "127.0.0.1",
      port: options.proxyPort ?? 0,
      timeoutMs: options.proxyTimeoutMs ?? 120_000,
      throttleBytesPerSecond: options.proxyThrottleBytesPerSecond ?? 0,
      testHooks: options.testHooks ? { restartApps: () => restartApps() } : undefined,
      // The app logs every request once (a client gone included); the proxy speaks only about
      // what it alone saw (a cut at its time limit, an app that did not answer): "(note)" lines.
      log: (line) => {
        if (/\(.+\) \d+ms$/.test(line) && !line.includes("(client closed)")) log(`proxy: ${line}`);
      },
    });
    closers.push(() => proxy.close());
    const info = workspaceInfo({
      proxyUrl: proxy.url,
      appUrl: app.url,
      emulatorUrl: emulator.url,
      volumes,
      principals,
      cloud: emulator.cloud,
      rateLimit: emulator.rateLimit.current(),
    });
    const infoFile = await writeWorkspaceInfo(options.workspaceDir, info);
    return {
      info,
      infoFile,
      principals: currentPrincipals,
      emulator,
      proxy,
      app,
      apps,
      restartApps,
      appEnv,
      userApiScopes: manifest.userApiScopes,
      userTokenTtlMs: options.userTokenTtlMs ?? USER_TOKEN_TTL_MS,
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
