// The typed result of parsing the environment once at startup.
import type { AuthMode } from "../../shared/auth-mode.js";
import type { FilePolicy } from "../policy/types.js";

export interface VolumeConfig {
  /** URL key: the `DATABRICKS_VOLUME_<KEY>` suffix, lower-cased. */
  key: string;
  /** `/Volumes/<catalog>/<schema>/<volume>`, no trailing slash. */
  path: string;
  /** `<catalog>.<schema>.<volume>`. */
  fullName: string;
  auth: AuthMode;
  policy: FilePolicy;
  /** The normalised policy expression, for logs and the UI. */
  policyExpression: string;
  /** Bytes; at most the Files API's 5 GiB per upload. */
  maxUploadSize: number;
  /** The same limit in the unit the admin wrote ("1MB" → "1 MB"), for messages and the UI. */
  maxUploadSizeLabel: string;
  /** Extension (`.avro`, lower-case) → MIME type, on top of the built-in map. */
  contentTypes: Record<string, string>;
}

export interface CacheConfig {
  /** 0 disables the read cache. */
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
}

export interface UpstreamConfig {
  /** Per upstream call (time to response headers / between chunks), not per whole transfer. */
  timeoutMs: number;
  /** Retries of idempotent reads on 429/5xx/network errors. */
  readRetries: number;
  /** The pace per identity (server/databricks/pacer.ts); false when off. */
  rateLimit: { concurrent: number; perSecond: number; burst: number } | false;
}

export interface UploadsConfig {
  /** An upload averaging fewer bytes/s than this over `minRateWindowMs` is cut; 0 disables. */
  minBytesPerSecond: number;
  minRateWindowMs: number;
  /** FILES_UPLOAD_IDLE_MINUTES in ms: a chunked upload idle this long expires. */
  idleMs: number;
  /** FILES_UPLOAD_MAX_CHUNKS_IN_FLIGHT, per process. */
  maxChunksInFlight: number;
  /** Seals chunked-upload tokens: FILES_UPLOAD_SECRET, else DATABRICKS_CLIENT_SECRET; "" = per process. */
  secret: { value: string; source: "FILES_UPLOAD_SECRET" | "DATABRICKS_CLIENT_SECRET" | "per-process" };
}

export interface ZipConfig {
  /** Most entries (files and folders) in one archive; checked before the first byte. */
  maxEntries: number;
}

/** Limits of the streamed whole-folder reads and tree walks (list-stream, search, folder-stats). */
export interface WalkLimits {
  listMaxEntries: number;
  searchMaxFolders: number;
  searchMaxTimeMs: number;
  searchMaxMatches: number;
}

export interface AppConfig {
  volumes: VolumeConfig[];
  port: number;
  /** APP_LISTEN_HOST. */
  listenHost: string;
  /** LOG_LEVEL. */
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /**
   * The service principal's credentials: DATABRICKS_CLIENT_ID (also what the diagnostics name),
   * and the environment the Databricks SDK resolves its config from (DATABRICKS_HOST, the client
   * secret or a token, a CLI profile); the SDK reads it, nothing else does.
   */
  databricks: { clientId: string | undefined; sdkEnv: Readonly<Record<string, string | undefined>> };
  isDevelopment: boolean;
  cache: CacheConfig;
  upstream: UpstreamConfig;
  uploads: UploadsConfig;
  zip: ZipConfig;
  walks: WalkLimits;
  /** FILES_ADMINS: lower-cased emails or user names allowed to read volume diagnostics. */
  admins: string[];
  /** Things worth a startup log line that don't stop the app (e.g. a volume on the default policy). */
  warnings: string[];
}
