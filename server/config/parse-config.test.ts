import { afterEach, describe, expect, it, vi } from "vitest";
import { GiB, MiB } from "../../shared/sizes.js";
import { createPolicyRegistry } from "../policy/registry.js";
import { ConfigError } from "./errors.js";
import { parseConfig } from "./parse-config.js";
import type { AppConfig } from "./types.js";

const BASE = { DATABRICKS_VOLUME_UPLOADS: "/Volumes/main/default/uploads" };

function problemsOf(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected parseConfig to throw");
}

function messageFor(error: ConfigError, variable: string): string {
  const problem = error.problems.find((p) => p.variable === variable);
  if (!problem) throw new Error(`no problem for ${variable}: ${error.message}`);
  return problem.message;
}

function volume(config: AppConfig, key: string) {
  const found = config.volumes.find((v) => v.key === key);
  if (!found) throw new Error(`no volume ${key}`);
  return found;
}

const alice = { id: "1", email: "alice@x.com", userName: "alice@x.com", isServicePrincipal: false };

describe("parseConfig: defaults and platform variables", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig({
      ...BASE,
      PATH: "/usr/bin",
      DATABRICKS_HOST: "https://x",
      FILESYSTEM: "ext4",
    });
    expect(config.volumes).toHaveLength(1);
    const uploads = volume(config, "uploads");
    expect(uploads).toMatchObject({
      key: "uploads",
      path: "/Volumes/main/default/uploads",
      fullName: "main.default.uploads",
      auth: "service-principal",
      policyExpression: "public-read",
      maxUploadSize: 5 * GiB,
      contentTypes: {},
    });
    expect(uploads.policy("read", { volume: "uploads", path: "" }, alice)).toBe(true);
    expect(uploads.policy("upload", { volume: "uploads", path: "a" }, alice)).toBe(false);
    expect(config.port).toBe(8000);
    expect(config.isDevelopment).toBe(false);
    expect(config.cache).toEqual({ ttlMs: 30_000, maxEntries: 10_000, maxBytes: 64 * MiB });
    expect(config.upstream).toEqual({
      timeoutMs: 30_000,
      readRetries: 3,
      rateLimit: { concurrent: 8, perSecond: 80, burst: 10 },
    });
    expect(config.uploads).toEqual({
      minBytesPerSecond: 1024,
      minRateWindowMs: 30_000,
      idleMs: 60 * 60_000,
      maxChunksInFlight: 16,
      secret: { value: "", source: "per-process" },
    });
    expect(config.zip).toEqual({ maxEntries: 100_000 });
    expect(config.warnings).toEqual([expect.stringContaining('volume "uploads" has no policy')]);
  });

  it("reads app-wide settings, the port and NODE_ENV", () => {
    const config = parseConfig({
      ...BASE,
      DATABRICKS_APP_PORT: "8123",
      NODE_ENV: "development",
      FILES_CACHE_TTL: "0",
      FILES_CACHE_MAX_ENTRIES: "500",
      FILES_CACHE_MAX_BYTES: "1MB",
      FILES_UPSTREAM_TIMEOUT: "2m",
      FILES_UPLOAD_MIN_RATE: "10KiB/s",
      FILES_UPLOAD_MIN_RATE_WINDOW: "10s",
      FILES_READ_RETRIES: "0",
      FILES_ZIP_MAX_ENTRIES: "250000",
      FILES_UPLOAD_IDLE_MINUTES: "5",
      FILES_UPLOAD_MAX_CHUNKS_IN_FLIGHT: "4",
      DATABRICKS_CLIENT_SECRET: "the-apps-client-secret",
    });
    expect(config.port).toBe(8123);
    expect(config.isDevelopment).toBe(true);
    expect(config.cache).toEqual({ ttlMs: 0, maxEntries: 500, maxBytes: 1_000_000 });
    expect(config.upstream).toMatchObject({ timeoutMs: 120_000, readRetries: 0 });
    expect(config.uploads).toEqual({
      minBytesPerSecond: 10 * 1024,
      minRateWindowMs: 10_000,
      idleMs: 5 * 60_000,
      maxChunksInFlight: 4,
      // Every instance of an app on Databricks Apps gets the same client secret.
      secret: { value: "the-apps-client-secret", source: "DATABRICKS_CLIENT_SECRET" },
    });
    const shared = parseConfig({
      ...BASE,
      FILES_UPLOAD_SECRET: "x".repeat(40),
      DATABRICKS_CLIENT_SECRET: "other",
    });
    expect(shared.uploads.secret).toEqual({ value: "x".repeat(40), source: "FILES_UPLOAD_SECRET" });
    expect(config.zip).toEqual({ maxEntries: 250_000 });
  });

  it("treats blank values as unset", () => {
    const config = parseConfig({ ...BASE, FILES_AUTH: "", FILES_POLICY: "  ", DATABRICKS_VOLUME_OTHER: "" });
    expect(config.volumes.map((v) => v.key)).toEqual(["uploads"]);
    expect(volume(config, "uploads").auth).toBe("service-principal");
  });

  describe("process.env", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });
    it("is never read: only the object passed in counts", () => {
      vi.stubEnv("FILES_BOGUS_SETTING", "1");
      vi.stubEnv("FILES_AUTH", "on-behalf-of-user");
      expect(volume(parseConfig(BASE), "uploads").auth).toBe("service-principal");
    });
  });
});

describe("parseConfig: resolution per volume > app-wide > default", () => {
  const env = {
    DATABRICKS_VOLUME_UPLOADS: "main.default.uploads",
    DATABRICKS_VOLUME_EXPORTS: "main.default.exports",
    DATABRICKS_VOLUME_INBOX: "main.default.inbox",
    FILES_AUTH: "on-behalf-of-user",
    FILES_EXPORTS_AUTH: "service-principal",
    FILES_POLICY: "allow-all",
    FILES_INBOX_POLICY: 'any(actions(read-actions), own-folder("users/{email}/"))',
    FILES_MAX_UPLOAD_SIZE: "1GiB",
    FILES_UPLOADS_MAX_UPLOAD_SIZE: "500MB",
    FILES_CONTENT_TYPES: ".avro=application/avro,.log=text/plain",
    FILES_EXPORTS_CONTENT_TYPES: ".log=application/octet-stream,.ndjson=application/x-ndjson",
  };
  const config = parseConfig(env);

  it("resolves auth", () => {
    expect(config.volumes.map((v) => [v.key, v.auth])).toEqual([
      ["exports", "service-principal"],
      ["inbox", "on-behalf-of-user"],
      ["uploads", "on-behalf-of-user"],
    ]);
  });

  it("resolves and compiles policies", () => {
    expect(volume(config, "uploads").policyExpression).toBe("allow-all");
    const inbox = volume(config, "inbox");
    expect(inbox.policyExpression).toBe('any(actions(read-actions), own-folder("users/{email}/"))');
    expect(inbox.policy("upload", { volume: "inbox", path: "users/alice@x.com/a.csv" }, alice)).toBe(true);
    expect(inbox.policy("upload", { volume: "inbox", path: "users/bob@x.com/a.csv" }, alice)).toBe(false);
    expect(config.warnings).toEqual([]);
  });

  it("resolves the upload limit", () => {
    expect(volume(config, "uploads").maxUploadSize).toBe(500_000_000);
    expect(volume(config, "exports").maxUploadSize).toBe(GiB);
  });

  it("merges content types, per-volume entries winning", () => {
    expect(volume(config, "exports").contentTypes).toEqual({
      ".avro": "application/avro",
      ".log": "application/octet-stream",
      ".ndjson": "application/x-ndjson",
    });
    expect(volume(config, "uploads").contentTypes).toEqual({
      ".avro": "application/avro",
      ".log": "text/plain",
    });
  });
});

describe("parseConfig: volume keys with underscores", () => {
  const env = {
    DATABRICKS_VOLUME_RAW: "c.s.raw",
    DATABRICKS_VOLUME_RAW_DATA: "c.s.raw_data",
    DATABRICKS_VOLUME_RAW_DATA_2024: "c.s.archive",
    FILES_RAW_AUTH: "on-behalf-of-user",
    FILES_RAW_DATA_POLICY: "allow-all",
    FILES_RAW_DATA_2024_MAX_UPLOAD_SIZE: "1MB",
  };

  it("matches the longest volume key followed by a known setting", () => {
    const config = parseConfig(env);
    expect(volume(config, "raw")).toMatchObject({
      auth: "on-behalf-of-user",
      policyExpression: "public-read",
    });
    expect(volume(config, "raw_data")).toMatchObject({
      auth: "service-principal",
      policyExpression: "allow-all",
    });
    expect(volume(config, "raw_data_2024")).toMatchObject({
      maxUploadSize: 1_000_000,
      policyExpression: "public-read",
    });
  });

  it("does not read FILES_RAW_DATA_X as a setting DATA_X of volume raw", () => {
    const error = problemsOf({ ...env, FILES_RAW_DATA_AUHT: "service-principal" });
    expect(messageFor(error, "FILES_RAW_DATA_AUHT")).toContain("Did you mean FILES_RAW_DATA_AUTH?");
  });
});

describe("parseConfig: custom policies", () => {
  it("uses the registry it is given", () => {
    const registry = createPolicyRegistry();
    registry.registerPolicy("data-team", () => (_action, _resource, user) => user.email === "alice@x.com");
    const config = parseConfig({ ...BASE, FILES_POLICY: "any(public-read, data-team)" }, { registry });
    const uploads = volume(config, "uploads");
    expect(uploads.policy("upload", { volume: "uploads", path: "a" }, alice)).toBe(true);
    expect(uploads.policy("upload", { volume: "uploads", path: "a" }, { ...alice, email: "bob@x.com" })).toBe(
      false,
    );
  });

  it("rejects a custom name that was not registered", () => {
    const error = problemsOf({ ...BASE, FILES_POLICY: "data-team" });
    expect(messageFor(error, "FILES_POLICY")).toContain('unknown policy "data-team"');
  });
});
