// Who runs a volume call, per the auth-mode matrix (docs/architecture.md):
//
// | volume auth        | request                    | Files API runs as | policy user | cache |
// | service-principal  | user headers               | app SP            | end user    | yes   |
// | service-principal  | no user headers            | app SP            | SP          | yes   |
// | on-behalf-of-user  | token + user               | end user          | end user    | never |
// | on-behalf-of-user  | no token, production       | (401, no call)    |             |       |
// | on-behalf-of-user  | no token, NODE_ENV=dev     | app SP (warning)  | SP          | never |
//
// The user's token lives only inside the per-request client built here: it is not logged, not
// returned, not put in a cache key or value.
import type { Config } from "@databricks/sdk-experimental";
import type { Dispatcher } from "undici";
import { sdkCredentials, userCredentials } from "../databricks/credentials.js";
import { createFilesClient, type FilesClient } from "../databricks/files-client.js";
import type { RetryPolicy } from "../databricks/retry.js";
import type { UpstreamRequestInfo } from "../databricks/transport.js";
import { unauthorized } from "../errors/catalogue.js";
import type { PolicyUser } from "../policy/types.js";
import type { Caller } from "./caller.js";
import { policyUserFor } from "./policy-user.js";

export type ExecutedAs = "service-principal" | "user";

export interface Execution {
  files: FilesClient;
  executedAs: ExecutedAs;
  policyUser: PolicyUser;
  /** Whether answers may come from / go into the shared read cache (SP client on an SP volume). */
  cacheable: boolean;
}

export interface IdentityOptions {
  /** The app's resolved service-principal config; user configs borrow its host. */
  spConfig: Config;
  /** The SP as a policy user (id from SCIM /Me once known, else its client id). */
  servicePrincipal: () => PolicyUser;
  isDevelopment: boolean;
  /** Shared by every Files client: per-call timeout, read retries, the keep-alive agent. */
  client?: {
    timeoutMs?: number;
    retries?: Partial<RetryPolicy>;
    dispatcher?: Dispatcher;
    /** Sees every upstream request line (tests assert on them); never sees headers. */
    onRequest?: (info: UpstreamRequestInfo) => void;
  };
}

export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

export interface IdentityResolver {
  /** The HTTP routes' rule: the volume's auth mode decides. */
  forVolume(auth: "service-principal" | "on-behalf-of-user", caller: Caller, log: WarnLogger): Execution;
  /** As the signed-in user whatever the volume's auth mode (AppKit's `asUser(req)`). */
  asUser(caller: Caller, log: WarnLogger): Execution;
  /** The app's own client (startup checks, SP-only work). */
  readonly servicePrincipalFiles: FilesClient;
}

export const MISSING_USER_TOKEN_MESSAGE =
  "This volume runs on behalf of the signed-in user, but no user access token reached the app. " +
  "Enable user authorization for the app with the files.files scope (user_api_scopes), then reload.";

export const RUN_LOCAL_NO_TOKEN_MESSAGE =
  "This volume runs on behalf of the signed-in user, but `databricks apps run-local` forwards no user access " +
  "token (only the user's name and email), so it cannot be used that way. Try it on the local workspace " +
  "(npm start without DATABRICKS_HOST), deploy the app, or run locally with NODE_ENV=development to use " +
  "your own credentials for it.";

export function createIdentityResolver(options: IdentityOptions): IdentityResolver {
  const clientOptions = options.client ?? {};
  const spFiles = createFilesClient({ credentials: sdkCredentials(options.spConfig), ...clientOptions });

  const asServicePrincipal = (policyUser: PolicyUser, cacheable: boolean): Execution => ({
    files: spFiles,
    executedAs: "service-principal",
    policyUser,
    cacheable,
  });

  function onBehalfOfUser(caller: Caller, log: WarnLogger): Execution {
    if (caller.accessToken && caller.isUser) {
      return {
        // Cheap: the token as a bearer header (no SDK config), on the shared keep-alive agent.
        files: createFilesClient({
          credentials: userCredentials(options.spConfig, caller.accessToken),
          ...clientOptions,
        }),
        executedAs: "user",
        policyUser: policyUserFor(caller, options.servicePrincipal()),
        cacheable: false,
      };
    }
    if (!options.isDevelopment) {
      // Not a missing setting when run-local set the headers: it never forwards a token.
      throw unauthorized(
        caller.convention === "run-local" ? RUN_LOCAL_NO_TOKEN_MESSAGE : MISSING_USER_TOKEN_MESSAGE,
      );
    }
    log.warn(
      { authFallback: "service-principal", hasUserHeaders: caller.isUser },
      "no user token on an on-behalf-of-user request; NODE_ENV=development, so running as the service principal",
    );
    // The SP's view is still per-user territory on this volume: never cached.
    return asServicePrincipal(options.servicePrincipal(), false);
  }

  return {
    servicePrincipalFiles: spFiles,
    forVolume(auth, caller, log) {
      if (auth === "on-behalf-of-user") return onBehalfOfUser(caller, log);
      return asServicePrincipal(policyUserFor(caller, options.servicePrincipal()), true);
    },
    asUser: onBehalfOfUser,
  };
}
