// Reads the project's real deployment files (app.yaml and databricks.yml) the way Databricks
// Apps would, so the local workspace runs the same configuration that gets deployed:
// env entries with `valueFrom` resolve through the app's resources to volume paths.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

export type VolumePermission = "READ_VOLUME" | "WRITE_VOLUME";

export interface ManifestVolume {
  /** The app resource name that app.yaml's valueFrom refers to. */
  resourceName: string;
  /** catalog.schema.volume */
  fullName: string;
  /** The privilege the bundle grants the app's service principal. */
  permission: VolumePermission;
}

export interface AppManifest {
  command: string[];
  /** app.yaml env with every valueFrom resolved. */
  env: Record<string, string>;
  volumes: ManifestVolume[];
  userApiScopes: string[];
}

interface AppYaml {
  command?: unknown;
  env?: Array<{ name?: unknown; value?: unknown; valueFrom?: unknown }>;
}

interface BundleResource {
  name?: unknown;
  uc_securable?: { securable_full_name?: unknown; securable_type?: unknown; permission?: unknown };
}

interface BundleYaml {
  variables?: Record<string, { default?: unknown }>;
  resources?: { apps?: Record<string, { resources?: BundleResource[]; user_api_scopes?: unknown }> };
}

function substituteVariables(value: string, variables: Record<string, { default?: unknown }>): string {
  return value.replace(/\$\{var\.([A-Za-z0-9_-]+)\}/g, (_whole, name: string) => {
    const def = variables[name]?.default;
    if (typeof def !== "string") throw new Error(`databricks.yml: variable "${name}" has no string default`);
    return def;
  });
}

export function parseBundleVolumes(bundle: BundleYaml): {
  volumes: ManifestVolume[];
  userApiScopes: string[];
} {
  const apps = Object.values(bundle.resources?.apps ?? {});
  if (apps.length !== 1) throw new Error(`databricks.yml: expected exactly one app, found ${apps.length}`);
  const app = apps[0] ?? {};
  const volumes: ManifestVolume[] = [];
  for (const resource of app.resources ?? []) {
    const uc = resource.uc_securable;
    if (uc?.securable_type !== "VOLUME") continue;
    if (typeof resource.name !== "string" || typeof uc.securable_full_name !== "string") {
      throw new Error("databricks.yml: a VOLUME resource needs a name and a securable_full_name");
    }
    if (uc.permission !== "READ_VOLUME" && uc.permission !== "WRITE_VOLUME") {
      throw new Error(`databricks.yml: resource "${resource.name}" has permission ${String(uc.permission)}`);
    }
    volumes.push({
      resourceName: resource.name,
      fullName: substituteVariables(uc.securable_full_name, bundle.variables ?? {}),
      permission: uc.permission,
    });
  }
  const scopes = Array.isArray(app.user_api_scopes) ? app.user_api_scopes.map(String) : [];
  return { volumes, userApiScopes: scopes };
}

export function resolveAppEnv(appYaml: AppYaml, volumes: ManifestVolume[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of appYaml.env ?? []) {
    if (typeof entry.name !== "string") throw new Error("app.yaml: every env entry needs a name");
    if (typeof entry.value === "string") {
      env[entry.name] = entry.value;
    } else if (typeof entry.valueFrom === "string") {
      const volume = volumes.find((v) => v.resourceName === entry.valueFrom);
      if (!volume) {
        throw new Error(
          `app.yaml: ${entry.name} has valueFrom "${entry.valueFrom}", which names no volume resource in databricks.yml`,
        );
      }
      // A volume resource resolves to its /Volumes path, as Databricks Apps does.
      env[entry.name] = `/Volumes/${volume.fullName.split(".").join("/")}`;
    } else {
      throw new Error(`app.yaml: ${entry.name} needs value or valueFrom`);
    }
  }
  return env;
}

/** `bundleFile` replaces the project's databricks.yml (tests try other user_api_scopes with it). */
export async function loadAppManifest(projectDir: string, bundleFile?: string): Promise<AppManifest> {
  const appYaml = parse(await readFile(path.join(projectDir, "app.yaml"), "utf8")) as AppYaml;
  const bundlePath = bundleFile ?? path.join(projectDir, "databricks.yml");
  const bundle = parse(await readFile(bundlePath, "utf8")) as BundleYaml;
  const { volumes, userApiScopes } = parseBundleVolumes(bundle);
  const command = Array.isArray(appYaml.command) ? appYaml.command.map(String) : ["npm", "run", "start"];
  return { command, env: resolveAppEnv(appYaml, volumes), volumes, userApiScopes };
}
