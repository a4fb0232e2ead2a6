// The environment the app process gets in the local workspace: what Databricks Apps would set,
// pointed at the emulator, plus app.yaml's env, plus whatever the developer exported to try a
// setting without editing app.yaml (e.g. FILES_INBOX_MAX_UPLOAD_SIZE=1MB npm start).
import { discoverVolumes } from "../server/config/volumes.js";
import type { PrincipalsFile } from "./principals.js";

/** Variables from the developer's shell that would make the SDK see a second auth method. */
const FOREIGN_DATABRICKS_AUTH = [
  "DATABRICKS_HOST",
  "DATABRICKS_TOKEN",
  "DATABRICKS_CLIENT_ID",
  "DATABRICKS_CLIENT_SECRET",
  "DATABRICKS_CONFIG_PROFILE",
  "DATABRICKS_AUTH_TYPE",
  "DATABRICKS_USERNAME",
  "DATABRICKS_PASSWORD",
  "DATABRICKS_ACCOUNT_ID",
  "DATABRICKS_AZURE_RESOURCE_ID",
];

export interface AppEnvInput {
  /** The launcher's own environment (process.env). */
  shell: Record<string, string | undefined>;
  /** app.yaml env with valueFrom resolved. */
  appYaml: Record<string, string>;
  emulatorUrl: string;
  appPort: number;
  principals: PrincipalsFile;
  /** A path with no Databricks config file, so ~/.databrickscfg cannot add credentials. */
  noConfigFile: string;
}

export function buildAppEnv(input: AppEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.shell)) {
    if (value === undefined || FOREIGN_DATABRICKS_AUTH.includes(name)) continue;
    // PORT is the proxy's port in local mode; the app listens on DATABRICKS_APP_PORT.
    if (name === "PORT") continue;
    env[name] = value;
  }
  for (const [name, value] of Object.entries(input.appYaml)) {
    // A variable the developer exported wins over app.yaml, so a setting can be tried quickly.
    env[name] = input.shell[name] ?? value;
  }
  Object.assign(env, {
    DATABRICKS_HOST: input.emulatorUrl,
    DATABRICKS_CLIENT_ID: input.principals.servicePrincipal.applicationId,
    DATABRICKS_CLIENT_SECRET: input.principals.servicePrincipal.clientSecret,
    DATABRICKS_APP_PORT: String(input.appPort),
    DATABRICKS_APP_NAME: "volumes-browser",
    DATABRICKS_WORKSPACE_ID: input.principals.workspaceId,
    DATABRICKS_CONFIG_FILE: input.noConfigFile,
    // Only the proxy is reachable from outside, as on Databricks Apps.
    APP_LISTEN_HOST: "127.0.0.1",
  });
  return env;
}

/**
 * The volumes the app will be configured with, found by the app's own config rules (invalid
 * entries are left for the app to report at startup).
 */
export function configuredVolumes(env: Record<string, string>): Array<{ key: string; fullName: string }> {
  return discoverVolumes(env, []).volumes.map(({ key, fullName }) => ({ key, fullName }));
}
