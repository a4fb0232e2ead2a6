// Every environment variable the app reads, in one table. parseConfig parses each setting with
// the `parse` and `default` given here, and the README's configuration table is checked against
// CONFIG_VARIABLES, so code and docs cannot drift apart.

import type { ParseContext, ParseResult } from "./values.js";
import * as values from "./values.js";

export interface VariableSpec<T> {
  /** The app-wide name, e.g. `FILES_AUTH`. */
  name: string;
  /** The per-volume form, e.g. `FILES_<KEY>_AUTH`, when the setting can be set per volume. */
  perVolumeName?: string;
  /** Parsed like a value an admin wrote, so the documented default is the one that applies. */
  default: string;
  description: string;
  example: string;
  parse(raw: string, context: ParseContext): ParseResult<T>;
}

export interface ConfigVariable {
  name: string;
  perVolumeName?: string;
  default: string;
  description: string;
  example: string;
}

function spec<T>(definition: VariableSpec<T>): VariableSpec<T> {
  return definition;
}

function perVolume<T>(
  suffix: string,
  definition: Omit<VariableSpec<T>, "name" | "perVolumeName">,
): VariableSpec<T> {
  return { ...definition, name: `FILES_${suffix}`, perVolumeName: `FILES_<KEY>_${suffix}` };
}

export const VOLUME_SETTINGS = {
  auth: perVolume("AUTH", {
    default: "service-principal",
    description: "Whose identity calls Unity Catalog: the app's service principal, or the signed-in user.",
    example: "on-behalf-of-user",
    parse: values.authMode,
  }),
  policy: perVolume("POLICY", {
    default: "public-read",
    description:
      'Who may do what: a policy expression such as any(actions(read-actions), own-folder("users/{email}/")).',
    example: "any(public-read, users(alice@example.com))",
    parse: values.policy,
  }),
  maxUploadSize: perVolume("MAX_UPLOAD_SIZE", {
    default: "5GiB",
    description:
      "Largest accepted upload; at most 1 TiB. Above 5 GiB (the Files API's limit for one PUT) files go in chunks, which needs multipart or resumable uploads on the workspace.",
    example: "500MB",
    parse: values.maxUploadSize,
  }),
  contentTypes: perVolume("CONTENT_TYPES", {
    default: "",
    description:
      "Extra extension=MIME pairs, merged over the built-in map (per-volume entries win). Script-capable types are refused.",
    example: ".avro=application/avro,.ndjson=application/x-ndjson",
    parse: values.contentTypes,
  }),
};

export const APP_SETTINGS = {
  cacheTtl: spec({
    name: "FILES_CACHE_TTL",
    default: "30s",
    description: "How long service-principal listings and metadata stay cached; 0 disables the cache.",
    example: "5m",
    parse: values.duration(0, 24 * 3_600_000),
  }),
  cacheMaxEntries: spec({
    name: "FILES_CACHE_MAX_ENTRIES",
    default: "10000",
    description: "Most entries the read cache holds.",
    example: "50000",
    parse: values.integer(1, 10_000_000),
  }),
  cacheMaxBytes: spec({
    name: "FILES_CACHE_MAX_BYTES",
    default: "64MiB",
    description: "Most memory the read cache may use.",
    example: "256MiB",
    parse: values.size(1, 16 * 1024 ** 3),
  }),
  upstreamTimeout: spec({
    name: "FILES_UPSTREAM_TIMEOUT",
    default: "30s",
    description:
      "Limit for each Files API call to answer (and for each gap in a streamed body), not for a whole transfer.",
    example: "60s",
    parse: values.duration(100, 600_000),
  }),
  uploadMinRate: spec({
    name: "FILES_UPLOAD_MIN_RATE",
    default: "1KiB",
    description:
      "Bytes per second below which a trickling upload is cut (averaged over FILES_UPLOAD_MIN_RATE_WINDOW); 0 disables.",
    example: "10KiB",
    parse: values.rate,
  }),
  uploadMinRateWindow: spec({
    name: "FILES_UPLOAD_MIN_RATE_WINDOW",
    default: "30s",
    description: "The window over which FILES_UPLOAD_MIN_RATE is averaged.",
    example: "1m",
    parse: values.duration(1000, 600_000),
  }),
  uploadIdleMinutes: spec({
    name: "FILES_UPLOAD_IDLE_MINUTES",
    default: "60",
    description:
      "A chunked upload with no chunk for this many minutes expires: it is cancelled upstream and leaves no file.",
    example: "240",
    parse: values.integer(1, 7 * 24 * 60),
  }),
  uploadMaxChunksInFlight: spec({
    name: "FILES_UPLOAD_MAX_CHUNKS_IN_FLIGHT",
    default: "16",
    description:
      "Most upload chunks one app process moves at once (each holds only small stream buffers); one more is answered 503 with Retry-After and re-sent.",
    example: "32",
    parse: values.integer(1, 1000),
  }),
  uploadSecret: spec({
    name: "FILES_UPLOAD_SECRET",
    default: "",
    description:
      "Secret shared by every app instance that seals chunked-upload tokens, so an upload continues after a restart or on another instance. Unset: DATABRICKS_CLIENT_SECRET (set by Databricks Apps), else a random key per process.",
    example: "a long random string (at least 32 characters)",
    parse: values.secret(32),
  }),
  readRetries: spec({
    name: "FILES_READ_RETRIES",
    default: "3",
    description: "Retries of idempotent reads after 429, 5xx or network errors (jittered backoff).",
    example: "5",
    parse: values.integer(0, 10),
  }),
  upstreamRateLimit: spec({
    name: "FILES_UPSTREAM_RATE_LIMIT",
    default: "8,80",
    description:
      "Most Files API calls the app makes at once and per second, per identity (the service principal, each user): below the API's limit of about 10 and 100, so bulk work slows down instead of failing with 429. off only for benchmarks.",
    example: "4,40",
    parse: values.paceLimits,
  }),
  zipMaxEntries: spec({
    name: "FILES_ZIP_MAX_ENTRIES",
    default: "100000",
    description:
      "Most files and folders one zip download may hold; a bigger selection is refused with 413 before the first byte.",
    example: "250000",
    parse: values.integer(1, 1_000_000),
  }),
  listMaxEntries: spec({
    name: "FILES_LIST_MAX_ENTRIES",
    default: "1000000",
    description:
      "Most entries one streamed folder listing (list-stream) sends; a bigger folder's listing ends with truncated: true.",
    example: "2000000",
    parse: values.integer(1, 100_000_000),
  }),
  searchMaxFolders: spec({
    name: "FILES_SEARCH_MAX_FOLDERS",
    default: "10000",
    description:
      "Most folders one search or folder-size walk lists; it then stops and says so (stoppedEarly: folders).",
    example: "50000",
    parse: values.integer(1, 10_000_000),
  }),
  searchMaxTime: spec({
    name: "FILES_SEARCH_MAX_TIME",
    default: "60s",
    description:
      "Longest one search or folder-size walk runs; it then stops and says so (stoppedEarly: time).",
    example: "2m",
    parse: values.duration(100, 3_600_000),
  }),
  searchMaxMatches: spec({
    name: "FILES_SEARCH_MAX_MATCHES",
    default: "10000",
    description: "Most matches one search sends; it then stops and says so (stoppedEarly: matches).",
    example: "1000",
    parse: values.integer(1, 1_000_000),
  }),
  admins: spec({
    name: "FILES_ADMINS",
    default: "",
    description:
      "Who may read volume diagnostics (GET /api/files/volumes?diagnostics=true): comma-separated emails or user names. Calls without user headers (the app's service principal) always may.",
    example: "alice@example.com,ops-team@example.com",
    parse: values.identityList,
  }),
  logLevel: spec({
    name: "LOG_LEVEL",
    default: "info",
    description: "The lowest level of log line written: fatal, error, warn, info, debug, trace or silent.",
    example: "warn",
    parse: values.oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const),
  }),
  listenHost: spec({
    name: "APP_LISTEN_HOST",
    default: "0.0.0.0",
    description:
      "The address the server listens on: all interfaces, as Databricks Apps requires; the local workspace narrows it to 127.0.0.1.",
    example: "127.0.0.1",
    parse: values.hostAddress,
  }),
  port: spec({
    name: "DATABRICKS_APP_PORT",
    default: "8000",
    description: "Port the server listens on; set by Databricks Apps.",
    example: "8000",
    parse: values.integer(0, 65_535),
  }),
};

/** Every variable the app reads, for documentation and the README check. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  {
    name: "DATABRICKS_VOLUME_<KEY>",
    default: "",
    description:
      "A volume to expose, as /Volumes/<catalog>/<schema>/<volume> or <catalog>.<schema>.<volume>; <KEY> lower-cased is its URL key.",
    example: "/Volumes/main/default/uploads",
  },
  ...[...Object.values(VOLUME_SETTINGS), ...Object.values(APP_SETTINGS)].map(
    ({ name, perVolumeName, default: fallback, description, example }): ConfigVariable =>
      perVolumeName === undefined
        ? { name, default: fallback, description, example }
        : { name, perVolumeName, default: fallback, description, example },
  ),
  {
    name: "NODE_ENV",
    default: "production",
    description:
      "development lets on-behalf-of-user volumes fall back to the service principal when no user token arrives.",
    example: "development",
  },
];

/** `FILES_` names that exist once for the whole app (per-volume settings included, as defaults). */
export const APP_WIDE_FILES_NAMES: readonly string[] = [
  ...Object.values(VOLUME_SETTINGS),
  ...Object.values(APP_SETTINGS),
]
  .map((s) => s.name)
  .filter((name) => name.startsWith("FILES_"));

/** Suffixes valid after `FILES_<KEY>_`. */
export const PER_VOLUME_SUFFIXES: readonly string[] = Object.values(VOLUME_SETTINGS).map((s) =>
  s.name.slice("FILES_".length),
);
