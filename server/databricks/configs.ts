// The app's service principal as an SDK config, from the environment, resolved once at startup.
// (A user's calls use the token the Apps proxy forwards: credentials.ts, userCredentials.)
import { Config } from "@databricks/sdk-experimental";

export interface ServicePrincipalConfigOptions {
  /** Defaults to `process.env`; tests pass their own. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The service principal's config from DATABRICKS_HOST + DATABRICKS_CLIENT_ID/SECRET (Databricks
 * Apps), or DATABRICKS_TOKEN / DATABRICKS_CONFIG_PROFILE locally. Resolved here so a missing
 * host or conflicting credentials stop startup with the SDK's message instead of failing the
 * first request.
 */
export async function createServicePrincipalConfig(
  options: ServicePrincipalConfigOptions = {},
): Promise<Config> {
  const config = new Config(options.env ? { env: options.env } : {});
  await config.ensureResolved();
  if (!config.host) {
    throw new Error("DATABRICKS_HOST is not set (nor a host in the selected ~/.databrickscfg profile).");
  }
  return config;
}
