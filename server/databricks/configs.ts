// The two kinds of Databricks credentials the app uses: the app's service principal (from the
// environment, resolved once at startup) and a per-request user config built from the token the
// Apps proxy forwards.
import { Config } from "@databricks/sdk-experimental";
import { configError, unauthorized } from "../errors/catalogue.js";

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

/**
 * A config that authenticates as the end user with their forwarded token.
 *
 * `authType: "pat"` stops the SDK from also picking up the service principal's
 * DATABRICKS_CLIENT_ID/SECRET and refusing two auth methods (docs/databricks-files-api.md, SDK trap 8). `loaders: []` skips the
 * environment and ~/.databrickscfg entirely, so building one per request costs no I/O and can't
 * mix in anything of the service principal's; `env: {}` makes sure nothing reads it later.
 */
export function createUserConfig(spConfig: Config, token: string): Config {
  if (!spConfig.host) {
    throw configError("The service principal config must be resolved first.");
  }
  if (!token) throw unauthorized("The user's access token is missing.");
  return new Config({ host: spConfig.host, token, authType: "pat", loaders: [], env: {} });
}
