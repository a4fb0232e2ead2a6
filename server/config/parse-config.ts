// Parses the environment into an AppConfig, or throws one ConfigError listing every problem.
// Never reads process.env itself: main.ts passes it in, tests pass plain objects.
import { formatSize, formatSizeAsWritten } from "../../shared/sizes.js";
import { defaultPolicyRegistry, type PolicyRegistry } from "../policy/registry.js";
import { ConfigError, type ConfigProblem } from "./errors.js";
import { FILES_PREFIX, isFilesVariable, perVolumeVariable, resolveSettingName } from "./setting-names.js";
import type { AppConfig, VolumeConfig } from "./types.js";
import type { ParseContext } from "./values.js";
import { APP_SETTINGS, type VariableSpec, VOLUME_SETTINGS } from "./variables.js";
import { type DiscoveredVolume, discoverVolumes, NO_VOLUMES_MESSAGE, VOLUME_PREFIX } from "./volumes.js";

export interface ParseConfigOptions {
  /** Where custom policy names are looked up; defaults to `defaultPolicyRegistry`. */
  registry?: PolicyRegistry;
}

type Env = Record<string, string | undefined>;
type Outcome<T> = { state: "unset" } | { state: "invalid" } | { state: "ok"; value: T; raw: string };

// Reads each variable once (a shared FILES_POLICY is reported once, however many volumes use it).
// An invalid value records a problem and yields the default, so parsing can go on to find the
// other problems; parseConfig throws before any such placeholder value escapes.
class SettingsReader {
  readonly problems: ConfigProblem[] = [];
  private readonly outcomes = new Map<string, Outcome<unknown>>();

  constructor(
    private readonly env: Env,
    private readonly context: ParseContext,
  ) {}

  /** Blank values count as unset, as AppKit treats blank volume variables. */
  read<T>(spec: VariableSpec<T>, name: string): Outcome<T> {
    const known = this.outcomes.get(name);
    if (known) return known as Outcome<T>;
    const raw = this.env[name];
    let outcome: Outcome<T> = { state: "unset" };
    if (raw !== undefined && raw.trim() !== "") {
      const result = spec.parse(raw, this.context);
      if (result.ok) outcome = { state: "ok", value: result.value, raw };
      else {
        this.problems.push({ variable: name, value: raw, message: result.reason });
        outcome = { state: "invalid" };
      }
    }
    this.outcomes.set(name, outcome);
    return outcome;
  }

  default<T>(spec: VariableSpec<T>): T {
    const result = spec.parse(spec.default, this.context);
    if (!result.ok) throw new Error(`the default of ${spec.name} does not parse: ${result.reason}`);
    return result.value;
  }

  app<T>(spec: VariableSpec<T>): T {
    const outcome = this.read(spec, spec.name);
    return outcome.state === "ok" ? outcome.value : this.default(spec);
  }

  /**
   * FILES_<KEY>_X > FILES_X > default; `explicit` is false when the default applied; `raw` is the
   * text the value came from (for showing it as the admin wrote it).
   */
  volume<T>(spec: VariableSpec<T>, key: string): { value: T; explicit: boolean; raw: string } {
    const own = this.read(spec, perVolumeVariable(key, spec.name.slice(FILES_PREFIX.length)));
    if (own.state === "ok") return { value: own.value, explicit: true, raw: own.raw };
    const shared = this.read(spec, spec.name);
    if (shared.state === "ok" && own.state === "unset")
      return { value: shared.value, explicit: true, raw: shared.raw };
    const explicit = own.state !== "unset" || shared.state !== "unset";
    return { value: this.default(spec), explicit, raw: spec.default };
  }
}

function buildVolume(reader: SettingsReader, volume: DiscoveredVolume, warnings: string[]): VolumeConfig {
  const policy = reader.volume(VOLUME_SETTINGS.policy, volume.key);
  if (!policy.explicit) {
    warnings.push(
      `volume "${volume.key}" has no policy, so it uses ${VOLUME_SETTINGS.policy.default} (no writes); ` +
        `set FILES_POLICY or ${perVolumeVariable(volume.key, "POLICY")} to choose one.`,
    );
  }
  const spec = VOLUME_SETTINGS.contentTypes;
  const own = reader.read(spec, perVolumeVariable(volume.key, "CONTENT_TYPES"));
  const shared = reader.read(spec, spec.name);
  const maxUploadSize = reader.volume(VOLUME_SETTINGS.maxUploadSize, volume.key);
  return {
    key: volume.key,
    path: volume.path,
    fullName: volume.fullName,
    auth: reader.volume(VOLUME_SETTINGS.auth, volume.key).value,
    policy: policy.value.policy,
    policyExpression: policy.value.expression,
    maxUploadSize: maxUploadSize.value,
    maxUploadSizeLabel: formatSizeAsWritten(maxUploadSize.raw) ?? formatSize(maxUploadSize.value),
    // Maps merge rather than replace: a volume adds to, and overrides entries of, the app-wide map.
    contentTypes: {
      ...(shared.state === "ok" ? shared.value : {}),
      ...(own.state === "ok" ? own.value : {}),
    },
  };
}

export function parseConfig(env: Env, options: ParseConfigOptions = {}): AppConfig {
  const reader = new SettingsReader(env, { registry: options.registry ?? defaultPolicyRegistry });
  const { problems } = reader;
  const { volumes: discovered, declaredKeys } = discoverVolumes(env, problems);
  if (declaredKeys.length === 0)
    problems.push({ variable: `${VOLUME_PREFIX}<KEY>`, message: NO_VOLUMES_MESSAGE });

  for (const name of Object.keys(env).sort()) {
    if (!isFilesVariable(name)) continue;
    const resolved = resolveSettingName(name, declaredKeys);
    if (resolved.kind === "unknown")
      problems.push({ variable: name, value: env[name] ?? "", message: resolved.message });
  }

  const volumeSpecs = Object.values(VOLUME_SETTINGS) as VariableSpec<unknown>[];
  // App-wide values of per-volume settings are validated even when no volume ends up using them,
  // and so are the settings of a declared volume whose path was invalid.
  for (const spec of volumeSpecs) reader.read(spec, spec.name);
  for (const key of declaredKeys) {
    for (const spec of volumeSpecs)
      reader.read(spec, perVolumeVariable(key, spec.name.slice(FILES_PREFIX.length)));
  }

  const warnings: string[] = [];
  const config: AppConfig = {
    volumes: discovered.map((volume) => buildVolume(reader, volume, warnings)),
    port: reader.app(APP_SETTINGS.port),
    listenHost: reader.app(APP_SETTINGS.listenHost),
    logLevel: reader.app(APP_SETTINGS.logLevel),
    databricks: { clientId: env.DATABRICKS_CLIENT_ID || undefined, sdkEnv: { ...env } },
    isDevelopment: env.NODE_ENV === "development",
    cache: {
      ttlMs: reader.app(APP_SETTINGS.cacheTtl),
      maxEntries: reader.app(APP_SETTINGS.cacheMaxEntries),
      maxBytes: reader.app(APP_SETTINGS.cacheMaxBytes),
    },
    upstream: {
      timeoutMs: reader.app(APP_SETTINGS.upstreamTimeout),
      readRetries: reader.app(APP_SETTINGS.readRetries),
      rateLimit: reader.app(APP_SETTINGS.upstreamRateLimit),
    },
    uploads: {
      minBytesPerSecond: reader.app(APP_SETTINGS.uploadMinRate),
      minRateWindowMs: reader.app(APP_SETTINGS.uploadMinRateWindow),
      idleMs: reader.app(APP_SETTINGS.uploadIdleMinutes) * 60_000,
      maxChunksInFlight: reader.app(APP_SETTINGS.uploadMaxChunksInFlight),
      secret: uploadSecret(reader.app(APP_SETTINGS.uploadSecret), env.DATABRICKS_CLIENT_SECRET),
    },
    zip: { maxEntries: reader.app(APP_SETTINGS.zipMaxEntries) },
    walks: {
      listMaxEntries: reader.app(APP_SETTINGS.listMaxEntries),
      searchMaxFolders: reader.app(APP_SETTINGS.searchMaxFolders),
      searchMaxTimeMs: reader.app(APP_SETTINGS.searchMaxTime),
      searchMaxMatches: reader.app(APP_SETTINGS.searchMaxMatches),
    },
    admins: reader.app(APP_SETTINGS.admins),
    warnings,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Every app instance must seal upload tokens with the same key; Databricks Apps gives each the app's client secret. */
function uploadSecret(configured: string, clientSecret: string | undefined): AppConfig["uploads"]["secret"] {
  if (configured !== "") return { value: configured, source: "FILES_UPLOAD_SECRET" };
  if (clientSecret) return { value: clientSecret, source: "DATABRICKS_CLIENT_SECRET" };
  return { value: "", source: "per-process" };
}
