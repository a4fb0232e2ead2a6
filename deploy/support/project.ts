// Where the deployment files live, read as the tests need them. Everything is inside the
// project: a fresh clone with nothing beside it must pass `npm test`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The Databricks CLI's bundle schema, vendored (deploy/schemas/README.md: origin, refresh). */
export const BUNDLE_SCHEMA_PATH = path.join(PROJECT_DIR, "deploy/schemas/databricks-bundle.schema.json");

export interface AppYamlEnvEntry {
  name?: unknown;
  value?: unknown;
  valueFrom?: unknown;
}

export interface AppYaml {
  command?: unknown;
  env?: AppYamlEnvEntry[];
}

export interface BundleVolumeResource {
  name?: unknown;
  uc_securable?: { securable_full_name?: unknown; securable_type?: unknown; permission?: unknown };
}

export interface BundleApp {
  name?: unknown;
  source_code_path?: unknown;
  user_api_scopes?: unknown;
  resources?: BundleVolumeResource[];
}

export interface Bundle {
  bundle?: { name?: unknown };
  variables?: Record<string, { default?: unknown; description?: unknown }>;
  resources?: { apps?: Record<string, BundleApp> };
  targets?: Record<string, { mode?: unknown; default?: unknown }>;
}

export function readProjectFile(name: string): string {
  return readFileSync(path.join(PROJECT_DIR, name), "utf8");
}

export const loadAppYaml = (): AppYaml => parse(readProjectFile("app.yaml")) as AppYaml;
export const loadBundle = (): Bundle => parse(readProjectFile("databricks.yml")) as Bundle;
