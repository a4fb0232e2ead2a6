// The local Unity Catalog Files API emulator (plus SCIM /Me and OAuth M2M) on one loopback port.
import { mkdir, readdir, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { PrincipalsFile } from "../principals.js";
import { type Cloud, DEFAULT_CLOUD } from "./cloud.js";
import type { ServerEnv } from "./context.js";
import { FaultInjector } from "./faults.js";
import { OAuthIssuer } from "./oauth.js";
import { UrlSigner } from "./presigned.js";
import { PrincipalStore } from "./principal-store.js";
import { DEFAULT_RATE_LIMIT, type RateLimit, RateLimiter } from "./rate-limit.js";
import type { IssuedUserToken } from "./scoped-tokens.js";
import { createEmulatorServer } from "./server.js";
import { EmulatorStats } from "./stats.js";
import { UPLOADS_DIR_NAME, type UploadCounts, type UploadMode, UploadSessions } from "./upload-sessions.js";

export { CLOUDS, type Cloud, DEFAULT_CLOUD, parseCloud } from "./cloud.js";
export { MAX_PAGE_SIZE } from "./directories-routes.js";
export { FILES_API_CONTENT_TYPE } from "./download.js";
export type { ActiveFault, FaultRule } from "./faults.js";
export { FaultInjector } from "./faults.js";
export { DEFAULT_RATE_LIMIT, parseRateLimit, type RateLimit } from "./rate-limit.js";
export type { IssuedUserToken } from "./scoped-tokens.js";
export { emulatorSettingsFromEnv } from "./settings.js";
export type { RequestFilter, StatsSnapshot } from "./stats.js";
export { EmulatorStats } from "./stats.js";
export {
  DEFAULT_SESSION_TTL_MS,
  defaultUploadMode,
  parseUploadMode,
  UPLOAD_MODES,
  type UploadCounts,
  type UploadMode,
} from "./upload-sessions.js";

export const DEFAULT_MAX_PUT_BYTES = 5 * 1024 ** 3;
export const VOLUMES_DIR_NAME = "volumes";
export const STAGING_DIR_NAME = ".staging";

export interface EmulatorOptions {
  /** Holds principals.json, volumes/<catalog>/<schema>/<volume>/… and the .staging dir. */
  workspaceDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Per-PUT body limit; default 5 GiB like Databricks. */
  maxPutBytes?: number;
  /** Enables fault injection (in process and at /__emulator/faults); default false. */
  testHooks?: boolean;
  /** One line per request and per notable event; tokens are never logged. */
  log?: (line: string) => void;
  /**
   * Serve HTTPS with this key and certificate (PEM). A bare DATABRICKS_HOST such as
   * `127.0.0.1:8443` means `https://` to the SDK, so only a TLS emulator can stand in for it.
   */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /**
   * Per-principal limit on requests in flight and per second, like the Files API's; default
   * DEFAULT_RATE_LIMIT (10 concurrent, 100/s). `false` turns it off (throughput benches).
   */
  rateLimit?: RateLimit | false;
  /** Which cloud's storage habits to show (cloud.ts); default aws. */
  cloud?: Cloud;
  /**
   * The large-upload protocol `initiate-upload` offers: multipart, resumable or none (answers
   * 403 FILES_API_API_IS_NOT_ENABLED). Default: the cloud's (multipart on aws/azure, resumable on gcp).
   */
  uploads?: UploadMode;
  /** How long an unfinished upload session lives; default DEFAULT_SESSION_TTL_MS (7 days). */
  uploadSessionTtlMs?: number;
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (`https://` with `tls`): use it as DATABRICKS_HOST. */
  url: string;
  port: number;
  faults: FaultInjector;
  stats: EmulatorStats;
  /** The cloud it emulates; a later upload path chooses multipart (aws, azure) or resumable (gcp) by it. */
  cloud: Cloud;
  /**
   * Large uploads: the protocol offered now (`set` changes it for new sessions; undefined = the
   * cloud's), the session lifetime, and counts of sessions open/initiated/completed/aborted/expired.
   */
  uploads: {
    mode(): UploadMode;
    set(mode: UploadMode | undefined): void;
    sessionTtlMs(): number;
    setSessionTtlMs(ms: number): void;
    counts(): UploadCounts;
  };
  /** The rate limit in force; `set` changes it while running (tests, benches). */
  rateLimit: { current(): RateLimit | false; set(limit: RateLimit | false): void };
  /** The identities it currently enforces (principals.json, re-read when it changes). */
  principals(): PrincipalsFile;
  /** A user's downscoped OAuth token, as the Apps proxy forwards it (scoped-tokens.ts). */
  issueUserToken(userName: string, scopes: readonly string[], ttlMs?: number): IssuedUserToken;
  close(): Promise<void>;
}

/** Where the emulator keeps volume `catalog.schema.volume` on disk. */
export function volumeDir(workspaceDir: string, catalog: string, schema: string, volume: string): string {
  return path.join(workspaceDir, VOLUMES_DIR_NAME, catalog, schema, volume);
}

async function clearStaging(stagingDir: string): Promise<void> {
  await mkdir(stagingDir, { recursive: true });
  // Leftovers of uploads that were in flight when a previous run died.
  for (const name of await readdir(stagingDir)) {
    if (name.endsWith(".part")) await rm(path.join(stagingDir, name), { force: true });
  }
  // Upload sessions live in memory: their parts and chunks cannot be continued after a restart.
  await rm(path.join(stagingDir, UPLOADS_DIR_NAME), { recursive: true, force: true });
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const log = options.log ?? (() => {});
  const volumesDir = path.join(options.workspaceDir, VOLUMES_DIR_NAME);
  const stagingDir = path.join(options.workspaceDir, STAGING_DIR_NAME);
  await mkdir(volumesDir, { recursive: true });
  await clearStaging(stagingDir);
  const cloud = options.cloud ?? DEFAULT_CLOUD;
  const env: ServerEnv = {
    volumesDir,
    stagingDir,
    maxPutBytes: options.maxPutBytes ?? DEFAULT_MAX_PUT_BYTES,
    principals: await PrincipalStore.open(options.workspaceDir, log),
    oauth: new OAuthIssuer(),
    faults: new FaultInjector(options.testHooks ?? false),
    stats: new EmulatorStats(),
    rateLimiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    cloud,
    uploads: new UploadSessions(cloud, stagingDir, options.uploads, options.uploadSessionTtlMs, log),
    signer: new UrlSigner(),
    log,
  };
  const host = options.host ?? "127.0.0.1";
  let url = "";
  const server = createEmulatorServer(env, () => url, options.tls);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `${options.tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    port,
    faults: env.faults,
    principals: () => env.principals.latest(),
    issueUserToken: (userName, scopes, ttlMs) => env.oauth.userTokens.issue(userName, scopes, ttlMs),
    stats: env.stats,
    cloud: env.cloud,
    rateLimit: env.rateLimiter,
    uploads: {
      mode: () => env.uploads.mode(),
      set: (mode) => env.uploads.setMode(mode),
      sessionTtlMs: () => env.uploads.ttlMs(),
      setSessionTtlMs: (ms) => env.uploads.setTtlMs(ms),
      counts: () => env.uploads.counters(),
    },
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hung (fault-injected) and keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      });
      await env.uploads.close();
    },
  };
}
