import { describe, expect, it } from "vitest";
import { createPolicyRegistry } from "../policy/registry.js";
import { parseConfig } from "./parse-config.js";
import { APP_SETTINGS, CONFIG_VARIABLES, type VariableSpec, VOLUME_SETTINGS } from "./variables.js";

const context = { registry: createPolicyRegistry() };
const specs = [...Object.values(VOLUME_SETTINGS), ...Object.values(APP_SETTINGS)] as VariableSpec<unknown>[];

describe("CONFIG_VARIABLES", () => {
  it("documents every variable the parser reads, with unique names", () => {
    const names = CONFIG_VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of specs) expect(names).toContain(spec.name);
    expect(names).toEqual(
      expect.arrayContaining(["DATABRICKS_VOLUME_<KEY>", "DATABRICKS_APP_PORT", "NODE_ENV"]),
    );
    expect(CONFIG_VARIABLES.filter((v) => v.perVolumeName).map((v) => v.perVolumeName)).toEqual([
      "FILES_<KEY>_AUTH",
      "FILES_<KEY>_POLICY",
      "FILES_<KEY>_MAX_UPLOAD_SIZE",
      "FILES_<KEY>_CONTENT_TYPES",
    ]);
    for (const variable of CONFIG_VARIABLES) {
      expect(variable.description.length).toBeGreaterThan(10);
      expect(variable.example).not.toBe("");
    }
  });

  it.each(specs.map((s) => [s.name, s] as const))("%s: the default and the example parse", (_name, spec) => {
    expect(spec.parse(spec.default, context).ok).toBe(true);
    expect(spec.parse(spec.example, context).ok).toBe(true);
  });

  it("accepts every documented example in a real environment", () => {
    const env: Record<string, string> = { DATABRICKS_VOLUME_UPLOADS: "/Volumes/main/default/uploads" };
    for (const spec of specs) env[spec.name] = spec.example;
    for (const spec of Object.values(VOLUME_SETTINGS)) {
      env[spec.perVolumeName?.replace("<KEY>", "UPLOADS") ?? ""] = spec.example;
    }
    expect(() => parseConfig(env)).not.toThrow();
  });
});
