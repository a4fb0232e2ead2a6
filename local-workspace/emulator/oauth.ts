// OAuth machine-to-machine (client credentials) as `@databricks/sdk-experimental` drives it for a
// workspace host: GET /oidc/.well-known/oauth-authorization-server, then POST the token endpoint
// with `Authorization: Basic base64(id:secret)` and a form body `grant_type=client_credentials&scope=all-apis`.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./errors.js";
import type { PrincipalsSnapshot } from "./principal-store.js";
import { exchangeForUserToken, ScopedTokens, TOKEN_EXCHANGE_GRANT } from "./scoped-tokens.js";

export const DISCOVERY_PATH = "/oidc/.well-known/oauth-authorization-server";
export const TOKEN_PATH = "/oidc/v1/token";
const TOKEN_TTL_SECONDS = 3600;
const MAX_FORM_BYTES = 64 * 1024;

export class OAuthIssuer {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  /** Users' downscoped tokens, which the local Apps proxy forwards (scoped-tokens.ts). */
  readonly userTokens = new ScopedTokens();

  issue(clientId: string): string {
    const now = Date.now();
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
    const token = `eyJ${randomBytes(32).toString("base64url")}`;
    this.tokens.set(token, { clientId, expiresAt: now + TOKEN_TTL_SECONDS * 1000 });
    return token;
  }

  clientIdFor(token: string): string | undefined {
    const entry = this.tokens.get(token);
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    return entry.clientId;
  }
}

export function discoveryDocument(baseUrl: string): Record<string, unknown> {
  return {
    issuer: `${baseUrl}/oidc`,
    authorization_endpoint: `${baseUrl}/oidc/v1/authorize`,
    token_endpoint: `${baseUrl}${TOKEN_PATH}`,
    jwks_uri: `${baseUrl}/oidc/v1/keys`,
    grant_types_supported: ["client_credentials", "authorization_code", "refresh_token"],
    response_types_supported: ["code"],
    scopes_supported: ["all-apis", "offline_access", "openid", "profile", "email"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  // The SDK does not form-encode id and secret before base64 (RFC 6749 says to); ours never need it.
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
  sendJson(res, status, { error, error_description: description });

export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  principals: PrincipalsSnapshot,
  issuer: OAuthIssuer,
): Promise<void> {
  const form = await readForm(req);
  if (!form) return oauthError(res, 400, "invalid_request", "Request body too large");
  if (form.get("grant_type") === TOKEN_EXCHANGE_GRANT) {
    const { status, body } = exchangeForUserToken(form, principals, issuer.userTokens);
    return sendJson(res, status, body, { "cache-control": "no-store" });
  }
  // The SDK sends a Basic header; client_secret_post is accepted too, as on Databricks.
  let creds = basicCredentials(req);
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  if (!creds && bodyId !== null && bodySecret !== null) creds = { id: bodyId, secret: bodySecret };
  const sp = principals.file.servicePrincipal;
  if (!creds || !sp || creds.id !== sp.applicationId || creds.secret !== sp.clientSecret) {
    return oauthError(res, 401, "invalid_client", "Client authentication failed");
  }
  if (form.get("grant_type") !== "client_credentials") {
    return oauthError(res, 400, "unsupported_grant_type", "Only client_credentials is supported here");
  }
  sendJson(
    res,
    200,
    {
      access_token: issuer.issue(sp.applicationId),
      token_type: "Bearer",
      expires_in: TOKEN_TTL_SECONDS,
      scope: form.get("scope") ?? "all-apis",
    },
    { "cache-control": "no-store" },
  );
}
