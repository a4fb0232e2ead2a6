// Defence in depth for the identity headers: when a user access token arrives, the app checks
// (once per token, see token-owners.ts) that the x-forwarded-* identity names that token's owner
// before anything trusts it: policies, own folders, audit lines, admin checks. On Databricks only
// the Apps proxy can reach the app, and it sets both; a request that reached the port some other
// way with one person's token and another's email gets a 401 instead of acting as them.
//
// Requests without a token cannot be checked this way: on service-principal volumes their
// headers are trusted as they are (the startup log says so, see trustNotice).
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { AuthMode } from "../../shared/auth-mode.js";
import { UpstreamError } from "../databricks/upstream-error.js";
import type { AppError } from "../errors/app-error.js";
import { identityMismatch, identityUnverifiable, unauthorized } from "../errors/catalogue.js";
import { type Caller, callerOf } from "./caller.js";
import { foreignHeaders } from "./forwarded-identity.js";
import type { TokenOwner, TokenOwners } from "./token-owners.js";

export interface IdentityCheckOptions {
  owners: TokenOwners;
}

async function ownerOrRefusal(owners: TokenOwners, token: string): Promise<TokenOwner> {
  try {
    return await owners.ownerOf(token);
  } catch (err) {
    if (err instanceof UpstreamError && err.credentialsRejected) {
      throw unauthorized(
        "Databricks did not accept the forwarded user access token; reload the app to sign in again.",
      );
    }
    if (err instanceof UpstreamError && err.upstreamStatus === 403) {
      throw identityUnverifiable(err);
    }
    // 429, 5xx, timeouts: not a verdict. Answer with the upstream error; the next request asks again.
    throw err;
  }
}

/** The 401 for headers that name someone other than the token's owner, or undefined when they match. */
function mismatch(request: FastifyRequest, caller: Caller, owner: TokenOwner): AppError | undefined {
  const foreign = foreignHeaders(caller, owner);
  if (foreign.length === 0) return undefined;
  request.log.warn(
    { identityMismatch: foreign, tokenOwner: owner.id, forwardedEmail: caller.email?.slice(0, 200) },
    "refused: the forwarded identity does not match the user access token",
  );
  return identityMismatch();
}

/** Registered before the routes: every request with a user token is checked before any handler runs. */
export const identityCheck = fp<IdentityCheckOptions>(
  async (app: FastifyInstance, options: IdentityCheckOptions) => {
    app.addHook("onRequest", (request, _reply, done) => {
      const caller = callerOf(request);
      const token = caller.accessToken;
      if (token === undefined) return done();
      // A token seen before (nearly every request) is checked without a promise.
      const known = options.owners.knownOwner(token);
      if (known) return done(mismatch(request, caller, known));
      ownerOrRefusal(options.owners, token).then(
        (owner) => done(mismatch(request, caller, owner)),
        (err: Error) => done(err),
      );
    });
  },
  { name: "identity-check", fastify: "5.x" },
);

/**
 * One startup line for admins: what the app takes on trust. Behind the Apps proxy that is safe;
 * reachable any other way it is not.
 */
export function trustNotice(volumes: ReadonlyArray<{ key: string; auth: AuthMode }>): string {
  const spVolumes = volumes.filter((v) => v.auth === "service-principal").map((v) => v.key);
  const where =
    spVolumes.length > 0
      ? `on the service-principal volumes (${spVolumes.join(", ")}) and for admin diagnostics`
      : "for admin diagnostics (every volume runs on behalf of the user and needs the user's token)";
  return (
    "Identity: a forwarded user access token is checked against the forwarded user headers (SCIM Me, once per token); " +
    `requests without a token are trusted as their x-forwarded-* headers say ${where}, and without those headers run as the service principal. ` +
    "The app must be reachable only through the Databricks Apps proxy (on Databricks Apps it is)."
  );
}
