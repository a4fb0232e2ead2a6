// The error side of parseConfig: unknown names, invalid values, and the one-message property.
import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { parseConfig } from "./parse-config.js";

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

describe("parseConfig: unknown FILES_* variables", () => {
  it("suggests the setting a typo meant", () => {
    const error = problemsOf({ ...BASE, FILES_UPLOADS_MAX_UPLAOD_SIZE: "1GB", FILES_POLCY: "allow-all" });
    expect(messageFor(error, "FILES_UPLOADS_MAX_UPLAOD_SIZE")).toBe(
      "unknown setting. Did you mean FILES_UPLOADS_MAX_UPLOAD_SIZE?",
    );
    expect(messageFor(error, "FILES_POLCY")).toContain("Did you mean FILES_POLICY?");
  });

  it("explains a per-volume setting for a volume that does not exist, suggesting a close key", () => {
    const error = problemsOf({
      ...BASE,
      FILES_UPLAODS_AUTH: "service-principal",
      FILES_REPORTS_POLICY: "allow-all",
    });
    expect(messageFor(error, "FILES_UPLAODS_AUTH")).toContain("no DATABRICKS_VOLUME_UPLAODS is set");
    expect(messageFor(error, "FILES_UPLAODS_AUTH")).toContain("Did you mean FILES_UPLOADS_AUTH?");
    expect(messageFor(error, "FILES_REPORTS_POLICY")).toContain(
      'configures POLICY of a volume "reports", but no DATABRICKS_VOLUME_REPORTS is set. Configured volume keys: uploads.',
    );
  });

  it("explains an app-wide setting set per volume", () => {
    const error = problemsOf({ ...BASE, FILES_UPLOADS_CACHE_TTL: "5m" });
    expect(messageFor(error, "FILES_UPLOADS_CACHE_TTL")).toContain("app-wide setting");
    expect(messageFor(error, "FILES_UPLOADS_CACHE_TTL")).toContain("set FILES_CACHE_TTL");
  });

  it("points out case mistakes, and lists the known settings when nothing is close", () => {
    const error = problemsOf({
      ...BASE,
      Files_Auth: "service-principal",
      FILES_TOTALLY_UNRELATED_THING: "1",
    });
    expect(messageFor(error, "Files_Auth")).toBe("variable names are case-sensitive: write FILES_AUTH.");
    expect(messageFor(error, "FILES_TOTALLY_UNRELATED_THING")).toContain(
      "Known settings: FILES_AUTH, FILES_POLICY",
    );
  });

  it("flags per-volume settings when there are no volumes at all", () => {
    const error = problemsOf({ FILES_UPLOADS_AUTH: "service-principal" });
    expect(messageFor(error, "FILES_UPLOADS_AUTH")).toContain("No volume is configured.");
  });
});

describe("parseConfig: invalid values", () => {
  it.each([
    [
      "FILES_AUTH",
      "service_principal",
      'expected service-principal or on-behalf-of-user. Did you mean "service-principal"?',
    ],
    ["FILES_AUTH", "obo", "expected service-principal or on-behalf-of-user."],
    ["FILES_POLICY", "any(pubic-read", '"any(" is never closed'],
    ["FILES_POLICY", "pubic-read", 'unknown policy "pubic-read". Did you mean "public-read"?'],
    ["FILES_POLICY", "actions(uplaod)", 'Did you mean "upload"?'],
    ["FILES_MAX_UPLOAD_SIZE", "lots", "is not a number followed by an optional unit. Expected a size"],
    ["FILES_MAX_UPLOAD_SIZE", "0", "must be at least 1 B."],
    ["FILES_MAX_UPLOAD_SIZE", "2TiB", "must be at most 1 TiB"],
    ["FILES_UPLOAD_SECRET", "short", "must be at least 32 characters long."],
    ["FILES_UPLOAD_IDLE_MINUTES", "0", "expected a whole number from 1 to 10080."],
    ["FILES_MAX_UPLOAD_SIZE", "-1MB", "cannot be negative"],
    ["FILES_CONTENT_TYPES", ".page=text/html", "refused: browsers can run script in text/html"],
    ["FILES_CONTENT_TYPES", "avro=application/avro", 'must start with a dot (write ".avro")'],
    ["FILES_CACHE_TTL", "5 days", 'unknown unit "days"'],
    ["FILES_CACHE_TTL", "2d", 'unknown unit "d"'],
    ["FILES_CACHE_MAX_ENTRIES", "0", "expected a whole number from 1 to"],
    ["FILES_CACHE_MAX_BYTES", "huge", "Expected a size"],
    ["FILES_UPSTREAM_TIMEOUT", "20m", "must be at most 10m"],
    ["FILES_UPSTREAM_TIMEOUT", "10ms", "must be at least 100ms"],
    ["FILES_UPLOAD_MIN_RATE", "fast", "Expected a size"],
    ["FILES_UPLOAD_MIN_RATE_WINDOW", "0", "must be at least 1s"],
    ["FILES_READ_RETRIES", "11", "expected a whole number from 0 to 10"],
    ["FILES_ZIP_MAX_ENTRIES", "0", "expected a whole number from 1 to"],
    ["FILES_READ_RETRIES", "2.5", "expected a whole number"],
    ["DATABRICKS_APP_PORT", "70000", "expected a whole number from 0 to 65535"],
    ["DATABRICKS_VOLUME_UPLOADS", "main.uploads", "has 2 name parts, not 3"],
  ])("%s=%j", (variable, value, message) => {
    const error = problemsOf({ ...BASE, [variable]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toEqual({ variable, value, message: expect.stringContaining(message) });
    expect(error.message).toContain(`${variable}=${JSON.stringify(value)}`);
  });

  it("checks per-volume values too, naming the per-volume variable", () => {
    const error = problemsOf({ ...BASE, FILES_UPLOADS_MAX_UPLOAD_SIZE: "2TiB", FILES_UPLOADS_AUTH: "me" });
    expect(error.problems.map((p) => p.variable)).toEqual([
      "FILES_UPLOADS_AUTH",
      "FILES_UPLOADS_MAX_UPLOAD_SIZE",
    ]);
  });

  it("checks app-wide values even when every volume overrides them", () => {
    const error = problemsOf({ ...BASE, FILES_POLICY: "nope(", FILES_UPLOADS_POLICY: "allow-all" });
    expect(messageFor(error, "FILES_POLICY")).toContain("never closed");
  });

  it("checks the settings of a volume whose path is invalid", () => {
    const error = problemsOf({ ...BASE, DATABRICKS_VOLUME_BAD: "x", FILES_BAD_AUTH: "nobody" });
    expect(error.problems.map((p) => p.variable)).toEqual(["DATABRICKS_VOLUME_BAD", "FILES_BAD_AUTH"]);
  });

  it("reports a shared invalid value once, however many volumes use it", () => {
    const error = problemsOf({
      ...BASE,
      DATABRICKS_VOLUME_A: "c.s.a",
      DATABRICKS_VOLUME_B: "c.s.b",
      FILES_AUTH: "nobody",
    });
    expect(error.problems).toHaveLength(1);
  });

  it("explains how to add a volume when there is none", () => {
    const error = problemsOf({ DATABRICKS_VOLUME_: "/Volumes/a/b/c", DATABRICKS_VOLUME_X: "" });
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain("no volume is configured");
    expect(error.message).toContain("- name: DATABRICKS_VOLUME_UPLOADS\n");
    expect(error.message).toContain("valueFrom: uploads");
  });
});

describe("parseConfig: one error lists every problem", () => {
  it("collects problems of every kind into one message", () => {
    const env = {
      DATABRICKS_VOLUME_UPLOADS: "/Volumes/main/default/uploads/extra",
      DATABRICKS_VOLUME_EXPORTS: "main.default.exports",
      FILES_AUTH: "sp",
      FILES_EXPORTS_POLICY: "any(public-read, usres(a@x.com))",
      FILES_EXPORTS_MAX_UPLOAD_SIZE: "2TB",
      FILES_CONTENT_TYPES: ".svg=image/svg+xml",
      FILES_EXPORT_AUTH: "service-principal",
      FILES_CACHE_TTL: "forever",
      DATABRICKS_APP_PORT: "http",
    };
    const error = problemsOf(env);
    const variables = error.problems.map((p) => p.variable).sort();
    expect(variables).toEqual(
      [
        "DATABRICKS_APP_PORT",
        "DATABRICKS_VOLUME_UPLOADS",
        "FILES_AUTH",
        "FILES_CACHE_TTL",
        "FILES_CONTENT_TYPES",
        "FILES_EXPORTS_MAX_UPLOAD_SIZE",
        "FILES_EXPORTS_POLICY",
        "FILES_EXPORT_AUTH",
      ].sort(),
    );
    expect(error.message).toContain("(8 problems)");
    for (const variable of variables) expect(error.message).toContain(`  - ${variable}=`);
    expect(error.message).toContain('Did you mean "users"?');
    expect(error.message).toContain("Did you mean FILES_EXPORTS_AUTH?");
  });
});
