// Downscoped user tokens, the kind the Databricks Apps proxy forwards as x-forwarded-access-token
// when user authorization is on: an OAuth token for one user, limited to the app's
// user_api_scopes, that expires. Databricks refuses such a token on an API its scopes don't
// cover with 403 "Provided OAuth token does not have required scopes: <scope>" (docs in
// docs/databricks-files-api.md). The local Apps proxy asks for these in process (launch.ts
// starts both), standing in for the token exchange the real proxy performs.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { EmulatorApiError } from "./errors.js";
import type { Principal, PrincipalsSnapshot } from "./principal-store.js";

export const FILES_SCOPE = "files.files";
export const CURRENT_USER_SCOPE = "iam.current-user:read";
/**
 * Scopes every app with user authorization gets besides the ones it lists: the Apps UI adds them
 * by default, and the app checks each forwarded token with SCIM Me (server/identity).
 */
export const DEFAULT_USER_SCOPES = [CURRENT_USER_SCOPE, "iam.access-control:read"];

/** Databricks user OAuth tokens live one hour. */
export const USER_TOKEN_TTL_MS = 60 * 60 * 1000;

const FILES_API_PREFIX = "/api/2.0/fs/";
const SCIM_ME_PATH = "/api/2.0/preview/scim/v2/Me";

/** The scope an emulated API needs, or undefined for one no user scope reaches. */
export function requiredScope(method: string, pathname: string): string | undefined {
  if (pathname.startsWith(FILES_API_PREFIX)) return FILES_SCOPE;
  if (pathname === SCIM_ME_PATH && (method === "GET" || method === "HEAD")) return CURRENT_USER_SCOPE;
  return undefined;
}

/** A scope without a modifier covers all of its operations (`files` covers `files:read`). */
function covers(granted: string, required: string): boolean {
  return granted === required || required.startsWith(`${granted}:`);
}

export function missingScope(scope: string): EmulatorApiError {
  return new EmulatorApiError(
    403,
    "PERMISSION_DENIED",
    `Provided OAuth token does not have required scopes: ${scope}`,
  );
}

export interface IssuedUserToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

interface Grant {
  userName: string;
  scopes: string[];
  expiresAt: number;
}

export class ScopedTokens {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A token for `userName` limited to `scopes` (the defaults are added, as on Databricks). */
  issue(userName: string, scopes: readonly string[], ttlMs = USER_TOKEN_TTL_MS): IssuedUserToken {
    const now = this.now();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
    // A JWT-looking opaque value, like Databricks OAuth tokens; never the user's PAT.
    const accessToken = `eyJ${randomBytes(32).toString("base64url")}`;
    const expiresAt = now + ttlMs;
    this.grants.set(accessToken, {
      userName,
      scopes: [...new Set([...scopes, ...DEFAULT_USER_SCOPES])],
      expiresAt,
    });
    return { accessToken, expiresAt };
  }

  /**
   * The user a scoped token names, once its scopes cover this request; undefined when the token
   * is not one of ours, has expired, or its user is gone from principals.json (the caller then
   * answers "invalid token"). Throws the Databricks 403 when a scope is missing.
   */
  principalFor(token: string, req: IncomingMessage, principals: PrincipalsSnapshot): Principal | undefined {
    const grant = this.grants.get(token);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.now()) {
      this.grants.delete(token);
      return undefined;
    }
    const user = principals.file.users.find((u) => u.userName === grant.userName);
    if (!user) return undefined;
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    const needed = requiredScope((req.method ?? "GET").toUpperCase(), pathname);
    if (needed === undefined || !grant.scopes.some((s) => covers(s, needed))) {
      throw missingScope(needed ?? "all-apis");
    }
    return { kind: "user", user, grantKey: user.userName };
  }
}

/** RFC 8693 token exchange: how a proxy apart from the emulator asks for a user's scoped token. */
export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

/**
 * The token endpoint's answer to a token exchange: `subject_token` is the user's personal token
 * (standing in for the signed-in session the real proxy exchanges), `scope` the app's
 * user_api_scopes, space-separated. An OAuth-shaped body and status either way.
 */
export function exchangeForUserToken(
  form: URLSearchParams,
  principals: PrincipalsSnapshot,
  tokens: ScopedTokens,
): { status: number; body: Record<string, unknown> } {
  const subject = principals.byToken.get(form.get("subject_token") ?? "");
  if (subject?.kind !== "user") {
    return {
      status: 400,
      body: { error: "invalid_grant", error_description: "subject_token is not a user's token" },
    };
  }
  const scopes = (form.get("scope") ?? "").split(/\s+/).filter((s) => s !== "");
  const { accessToken, expiresAt } = tokens.issue(subject.user.userName, scopes);
  const granted = [...new Set([...scopes, ...DEFAULT_USER_SCOPES])].join(" ");
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: "Bearer",
      issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
      expires_in: Math.round((expiresAt - Date.now()) / 1000),
      scope: granted,
    },
  };
}
