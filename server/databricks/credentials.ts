// Who an upstream call runs as. The service principal authenticates through the SDK's Config
// (OAuth M2M on Databricks Apps, a token or a profile locally), which fetches and refreshes its
// own tokens. A user's forwarded token needs none of that: the SDK's `pat` auth only sends it as
// a bearer token, so that is what userCredentials does, without building an SDK Config for every
// on-behalf-of-user request (which cost about 30 µs and dozens of objects each: docs/performance.md).
import type { Config } from "@databricks/sdk-experimental";
import { configError, unauthorized } from "../errors/catalogue.js";

export interface Credentials {
  /**
   * Sets Authorization on an outgoing request's headers and resolves with the workspace origin
   * (`https://x.cloud.databricks.com`, no trailing slash). May call the network (an OAuth token
   * refresh): the transport bounds it in time.
   */
  authorize(headers: Record<string, string>): Promise<string>;
  /** Names the identity for the pacer, which keeps only its hash; may contain a token. */
  readonly identity: string;
}

/** The origin a config points at, without a trailing slash. */
export async function resolveHost(config: Config): Promise<string> {
  await config.ensureResolved();
  if (!config.host) throw configError("The Databricks host is not configured.");
  return config.host.replace(/\/+$/, "");
}

// The SDK resolves a config and discovers OIDC endpoints on first use without deduplicating
// concurrent callers, so a burst of first requests would each fetch an M2M token.
const firstAuth = new WeakMap<Config, Promise<void>>();

async function authenticate(config: Config, headers: Headers): Promise<void> {
  let first = firstAuth.get(config);
  if (!first) {
    first = config.authenticate(new Headers());
    firstAuth.set(config, first);
    first.catch(() => firstAuth.delete(config));
  }
  await first;
  await config.authenticate(headers);
}

const sdkCredentialsOf = new WeakMap<Config, Credentials>();

/** Calls through an SDK config (the service principal's): one Credentials per config. */
export function sdkCredentials(config: Config): Credentials {
  let credentials = sdkCredentialsOf.get(config);
  if (credentials) return credentials;
  // Resolved on first use (not at construction: a config may still be unresolved then), and
  // kept: the host does not change, so no call pays for ensureResolved and the trim again.
  let host: string | undefined;
  credentials = {
    async authorize(headers) {
      host ??= await resolveHost(config);
      const sdkHeaders = new Headers();
      await authenticate(config, sdkHeaders);
      for (const [name, value] of sdkHeaders) headers[name] = value;
      return host;
    },
    // The token when there is one (hashed by the pacer), else the OAuth client id.
    get identity() {
      return `${config.host ?? ""}|${config.token ? `token:${config.token}` : `client:${config.clientId ?? ""}`}`;
    },
  };
  sdkCredentialsOf.set(config, credentials);
  return credentials;
}

/**
 * Calls as the signed-in user with the token the Apps proxy forwarded, on the service
 * principal's (resolved) host. Nothing of the service principal's credentials can mix in:
 * docs/databricks-files-api.md, SDK trap 8.
 */
export function userCredentials(spConfig: Config, token: string): Credentials {
  if (!spConfig.host) {
    throw configError("The service principal config must be resolved first.");
  }
  if (!token) throw unauthorized("The user's access token is missing.");
  const host = spConfig.host.endsWith("/") ? spConfig.host.replace(/\/+$/, "") : spConfig.host;
  return {
    authorize(headers) {
      headers.authorization = `Bearer ${token}`;
      return Promise.resolve(host);
    },
    // Built when the transport first asks for its pacer, not with every request's credentials.
    get identity() {
      return `${host}|token:${token}`;
    },
  };
}
