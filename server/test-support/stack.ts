// The whole product for integration tests: Files API emulator (with test hooks), the app built
// in process from the env the local workspace computes from app.yaml and databricks.yml, and the
// Apps proxy in front, all on loopback. Requests go through the proxy as a demo user, or straight
// to the app without user headers (the service-principal rows of the auth matrix).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, HTTPMethods } from "fastify";
import type { Emulator } from "../../local-workspace/emulator/index.js";
import { freePort } from "../../local-workspace/free-port.js";
import { type LocalWorkspace, startLocalWorkspace } from "../../local-workspace/launch.js";
import type { WorkspaceInfo } from "../../local-workspace/workspace-info.js";
import { type BuiltApp, buildApp } from "../app.js";
import { parseConfig } from "../config/parse-config.js";
import type { UpstreamRequestInfo } from "../databricks/transport.js";
import type { TokenOwners } from "../identity/token-owners.js";
import type { VolumeService } from "../volumes/service.js";
import { copySeededVolumes } from "./seed-template.js";

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type Who = "alice" | "bob" | "carol" | "direct";

export interface StackOptions {
  /** Extra app env (FILES_*, NODE_ENV…), on top of app.yaml. NODE_ENV defaults to production. */
  env?: Record<string, string>;
  /** Seed the demo volumes (default true). */
  seed?: boolean;
  maxPutBytes?: number;
  proxyTimeoutMs?: number;
  /** A databricks.yml to use instead of the project's (other user_api_scopes). */
  bundleFile?: string;
  /** Lifetime of the user tokens the proxy forwards (default one hour). */
  userTokenTtlMs?: number;
  /** Registers extra (custom) routes on the app before it listens. */
  customize?: (app: FastifyInstance, service: VolumeService) => Promise<void>;
}

export interface TestStack {
  info: WorkspaceInfo;
  workspace: LocalWorkspace;
  emulator: Emulator;
  app: FastifyInstance;
  service: VolumeService;
  tokenOwners: TokenOwners;
  workspaceDir: string;
  /** Every pino line the app wrote, as text. */
  logs: string[];
  /** Every upstream Files API request line (method, encoded pathname, query). */
  upstream: UpstreamRequestInfo[];
  /** Every route the app registered (custom ones included), as Fastify's onRoute saw it. */
  routes: Array<{ methods: HTTPMethods[]; url: string }>;
  /** `/Volumes/main/demo/shared` for `shared`. */
  volumePath(key: string): string;
  /** Where the emulator keeps a volume file on disk. */
  onDisk(key: string, rel: string): string;
  /** The base URL and headers for a request as `who`. */
  target(who: Who): { base: string; headers: Record<string, string> };
  /** fetch as `who`: through the proxy for users, straight to the app for "direct". Adds the CSRF header. */
  fetch(who: Who, url: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export function basicAuth(user: string): string {
  return `Basic ${Buffer.from(`${user}:`).toString("base64")}`;
}

export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  const workspaceDir = await mkdtemp(path.join(tmpdir(), "volumes-browser-stack-"));
  const logs: string[] = [];
  const upstream: UpstreamRequestInfo[] = [];
  const routes: TestStack["routes"] = [];
  let built: BuiltApp | undefined;
  try {
    if (options.seed ?? true) await copySeededVolumes(PROJECT_DIR, workspaceDir);
    const workspace = await startLocalWorkspace({
      projectDir: PROJECT_DIR,
      workspaceDir,
      shellEnv: { NODE_ENV: "production", ...options.env },
      appPort: await freePort(),
      proxyPort: 0,
      proxyTimeoutMs: options.proxyTimeoutMs,
      maxPutBytes: options.maxPutBytes,
      bundleFile: options.bundleFile,
      userTokenTtlMs: options.userTokenTtlMs,
      testHooks: true,
      seed: options.seed ?? true,
      startApp: async (env, port) => {
        // The app exactly as main.ts builds it, with the logs and upstream lines kept for asserts.
        built = await buildApp(parseConfig(env), {
          clientDir: path.join(workspaceDir, "no-client-build"),
          logger: { level: "info", stream: { write: (line: string) => void logs.push(line) } },
          onUpstreamRequest: (info) => upstream.push(info),
          onRoute: (route) =>
            void routes.push({
              methods: Array.isArray(route.method) ? route.method : [route.method],
              url: route.url,
            }),
        });
        await options.customize?.(built.app, built.service);
        await built.app.listen({ host: "127.0.0.1", port });
        const app = built.app;
        return { url: `http://127.0.0.1:${port}`, stop: () => app.close() };
      },
    });
    const { app, service, tokenOwners } = built as BuiltApp;
    const info = workspace.info;
    const target = (who: Who) =>
      who === "direct"
        ? { base: info.appUrl, headers: {} as Record<string, string> }
        : { base: info.proxyUrl, headers: { authorization: basicAuth(who) } };
    return {
      info,
      workspace,
      emulator: workspace.emulator,
      app,
      service,
      tokenOwners,
      workspaceDir,
      logs,
      upstream,
      routes,
      volumePath: (key) => {
        const found = info.volumes[key];
        if (!found) throw new Error(`no volume ${key}`);
        return found;
      },
      onDisk: (key, rel) =>
        path.join(
          workspaceDir,
          "volumes",
          ...(info.volumes[key] ?? "").split("/").slice(2),
          ...rel.split("/"),
        ),
      target,
      fetch: (who, url, init = {}) => {
        const { base, headers } = target(who);
        const method = (init.method ?? "GET").toUpperCase();
        const merged = new Headers(init.headers);
        for (const [k, v] of Object.entries(headers)) if (!merged.has(k)) merged.set(k, v);
        if (method !== "GET" && method !== "HEAD" && !merged.has("x-requested-with")) {
          merged.set("x-requested-with", "volumes-browser");
        }
        return fetch(`${base}${url}`, { ...init, headers: merged, ...(init.body ? { duplex: "half" } : {}) });
      },
      close: async () => {
        await workspace.close();
        await rm(workspaceDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await built?.app.close().catch(() => {});
    await rm(workspaceDir, { recursive: true, force: true });
    throw err;
  }
}

/** A response body typed by the API contract (shared/api), for assertions. */
export async function jsonOf<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
