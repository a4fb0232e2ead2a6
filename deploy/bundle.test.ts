// databricks.yml against the Databricks CLI's own JSON schema, plus the shape the README's deploy
// steps rely on: one app with its code, a variable per volume, volume resources, dev/prod targets.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_SCHEMA_PATH, type Bundle, type BundleApp, loadBundle } from "./support/project.js";

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
/** Variables that name the app rather than a volume. */
const NAMING_VARIABLES = ["dev_name"];

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
    const volumeVariables = Object.keys(variables).filter((name) => !NAMING_VARIABLES.includes(name));
    expect(volumeVariables.sort()).toEqual([...used].sort());
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

// App names: 2-30 characters, lower-case letters, digits and hyphens (the Databricks SDK's App.name
// docs; the 30-character limit from Databricks' own apps guidance). We also keep the first
// character a letter and the last not a hyphen, which every such name satisfies.
const APP_NAME = /^[a-z][a-z0-9-]{0,28}[a-z0-9]$/;
const MAX_APP_NAME = 30;

/**
 * `${workspace.current_user.domain_friendly_name}` as the Databricks CLI computes it (libs/iamutil,
 * CLI 0.270+): the user name's local part, lower-cased, every character other than a letter or a
 * digit made a hyphen.
 */
function domainFriendlyName(userName: string): string {
  const local = userName.split("@")[0] ?? "";
  return local
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]/g, "-")
    .toLowerCase();
}

/** The app's name in a target, as `bundle validate` would resolve it for a deployer. */
function appNameIn(target: string, deployer: string, overrides: Record<string, string> = {}): string {
  const app = Object.values(bundle.resources?.apps ?? {})[0];
  const targetApps = (bundle.targets?.[target] as { resources?: { apps?: Record<string, BundleApp> } })
    ?.resources?.apps;
  const raw = String(Object.values(targetApps ?? {})[0]?.name ?? app?.name);
  const user = (s: string) =>
    s.replace(/\$\{workspace\.current_user\.domain_friendly_name\}/g, domainFriendlyName(deployer));
  return user(raw).replace(/\$\{var\.([\w-]+)\}/g, (_all, name: string) =>
    user(overrides[name] ?? String(bundle.variables?.[name]?.default)),
  );
}

describe("app names per target", () => {
  const targets = Object.keys(bundle.targets ?? {});

  it("every target deploys a valid app name of at most 30 characters", () => {
    for (const target of targets) {
      const name = appNameIn(target, "jane.doe@example.com");
      expect(name, `${target}: ${name}`).toMatch(APP_NAME);
      expect(name.length).toBeLessThanOrEqual(MAX_APP_NAME);
    }
  });

  it("dev, prod and each developer's dev are different apps", () => {
    const names = [
      appNameIn("prod", "jane.doe@example.com"),
      appNameIn("dev", "jane.doe@example.com"),
      appNameIn("dev", "sam@example.com"),
    ];
    expect(names).toEqual(["volumes-browser", "vb-dev-jane-doe", "vb-dev-sam"]);
    // The same person deploying prod gets the one shared production app.
    expect(appNameIn("prod", "sam@example.com")).toBe(names[0]);
  });

  it("dev_name's description states the longest name that fits, and a longer one is the only way to break it", () => {
    const prefix = appNameIn("dev", "x@example.com", { dev_name: "" });
    const room = MAX_APP_NAME - prefix.length;
    expect(String(bundle.variables?.dev_name?.description)).toContain(`at most ${room} `);
    expect(appNameIn("dev", `${"a".repeat(room)}@example.com`)).toMatch(APP_NAME);
    // A longer user name gives an invalid name: the description tells the developer what to pass.
    expect(appNameIn("dev", `${"a".repeat(room + 1)}@example.com`).length).toBeGreaterThan(MAX_APP_NAME);
    expect(appNameIn("dev", `${"a".repeat(room + 1)}@example.com`, { dev_name: "jd" })).toBe("vb-dev-jd");
  });

  it("user names with dots, plus signs and accents still give valid dev names", () => {
    for (const user of ["j.o'neil+test@example.com", "Zoë.Müller@example.com", "007@example.com"]) {
      expect(appNameIn("dev", user)).toMatch(APP_NAME);
    }
  });
});
