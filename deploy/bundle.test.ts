// databricks.yml against the Databricks CLI's own JSON schema, plus the shape the README's deploy
// steps rely on: one app with its code, a variable per volume, volume resources, dev/prod targets.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_SCHEMA_PATH, type Bundle, loadBundle } from "./support/project.js";

// The schema names no $schema but uses $defs, a 2019-09+ keyword; the CLI generates it for 2020-12.
// strict: false because it carries the CLI's own annotations (markdownDescription, doNotSuggest, …).
let validate: (doc: unknown) => string[];

beforeAll(() => {
  const schema = JSON.parse(readFileSync(BUNDLE_SCHEMA_PATH, "utf8")) as object;
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  const check = ajv.compile(schema);
  validate = (doc) =>
    check(doc) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
});

const bundle = loadBundle();
const apps = Object.entries(bundle.resources?.apps ?? {});
const VOLUME_NAME = /^[^.\s]+\.[^.\s]+\.[^.\s]+$/;

describe("databricks.yml", () => {
  it("is valid against the CLI's bundle schema (deploy/schemas/)", () => {
    expect(validate(bundle)).toEqual([]);
  });

  it("the schema check has teeth: a wrong permission or an unknown app key is refused", () => {
    const broken = structuredClone(bundle) as Bundle & {
      resources: { apps: Record<string, Record<string, unknown>> };
    };
    const app = Object.values(broken.resources.apps)[0] as {
      resources: Array<{ uc_securable: { permission: string } }>;
    };
    const first = app.resources[0];
    if (first) first.uc_securable.permission = "READ_WRITE_VOLUME";
    expect(validate(broken).length).toBeGreaterThan(0);
    const unknownKey = structuredClone(bundle) as Bundle & {
      resources: { apps: Record<string, Record<string, unknown>> };
    };
    (Object.values(unknownKey.resources.apps)[0] as Record<string, unknown>).user_scopes = ["files.files"];
    expect(validate(unknownKey).length).toBeGreaterThan(0);
  });

  it("defines one app, volumes_browser, deployed from the project root", () => {
    expect(apps.map(([key]) => key)).toEqual(["volumes_browser"]);
    const app = apps[0]?.[1];
    expect(app?.source_code_path).toBe("./");
    // Databricks app names: lower-case letters, digits and hyphens.
    expect(app?.name).toMatch(/^[a-z0-9-]+$/);
  });

  it("has one variable per volume, each a catalog.schema.volume default, used by exactly one VOLUME resource", () => {
    const resources = apps[0]?.[1].resources ?? [];
    const volumeResources = resources.filter((r) => r.uc_securable?.securable_type === "VOLUME");
    expect(volumeResources.length).toBeGreaterThan(0);
    const used = volumeResources.map((r) => {
      const match = /^\$\{var\.([\w-]+)\}$/.exec(String(r.uc_securable?.securable_full_name));
      expect(match, `resource ${String(r.name)} should take its volume from a variable`).not.toBeNull();
      return match?.[1] ?? "";
    });
    expect(new Set(used).size).toBe(used.length);
    const variables = bundle.variables ?? {};
    expect(Object.keys(variables).sort()).toEqual([...used].sort());
    for (const name of used) {
      expect(variables[name]?.default).toMatch(VOLUME_NAME);
      expect(String(variables[name]?.description ?? "")).toContain("catalog.schema.volume");
    }
    for (const r of volumeResources)
      expect(["READ_VOLUME", "WRITE_VOLUME"]).toContain(r.uc_securable?.permission);
  });

  it("has a default development target and a production target", () => {
    expect(bundle.targets?.dev).toMatchObject({ mode: "development", default: true });
    expect(bundle.targets?.prod).toMatchObject({ mode: "production" });
  });
});
