// Bearer-token authentication and Unity Catalog volume grants.
import type { IncomingMessage } from "node:http";
import { EmulatorApiError } from "./errors.js";
import type { OAuthIssuer } from "./oauth.js";
import type { Principal, PrincipalsSnapshot, VolumeEntry } from "./principal-store.js";

export type Access = "read" | "write";

const UNAUTHENTICATED_MISSING = "Credential was not sent or was of an unsupported type for this API.";
const UNAUTHENTICATED_INVALID = "Invalid access token.";

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function authenticate(
  req: IncomingMessage,
  principals: PrincipalsSnapshot,
  oauth: OAuthIssuer,
): Principal {
  const token = bearerToken(req);
  if (!token) throw new EmulatorApiError(401, "UNAUTHENTICATED", UNAUTHENTICATED_MISSING);
  const direct = principals.byToken.get(token);
  if (direct) return direct;
  // A user's downscoped token from the Apps proxy: a 403 if its scopes don't cover this API.
  const scoped = oauth.userTokens.principalFor(token, req, principals);
  if (scoped) return scoped;
  const sp = principals.file.servicePrincipal;
  // OAuth tokens name the SP by client id, so a secret rotated in principals.json keeps old tokens
  // valid until they expire, as on Databricks; an SP replaced by another one does not.
  if (sp && oauth.clientIdFor(token) === sp.applicationId) {
    return { kind: "service-principal", sp, grantKey: sp.applicationId };
  }
  throw invalidAccessToken();
}

/**
 * An unknown or expired token: Databricks answers 403 with a *numeric* error_code and the message
 * repeated in X-Databricks-Reason-Phrase (databricks/databricks-sdk-go issues 873, 917, 1046).
 */
export const invalidAccessToken = () =>
  new EmulatorApiError(403, 403, UNAUTHENTICATED_INVALID, undefined, {
    "x-databricks-reason-phrase": UNAUTHENTICATED_INVALID,
  });

/** Reads and lists need READ VOLUME; writes need READ VOLUME and WRITE VOLUME. */
export function authorize(principal: Principal, volume: VolumeEntry, access: Access): void {
  const held = volume.grants[principal.grantKey] ?? [];
  const needed = access === "read" ? (["READ_VOLUME"] as const) : (["READ_VOLUME", "WRITE_VOLUME"] as const);
  for (const privilege of needed) {
    if (!held.includes(privilege)) {
      throw new EmulatorApiError(
        403,
        "PERMISSION_DENIED",
        `User does not have ${privilege.replace("_", " ")} on Volume '${volume.fullName}'.`,
      );
    }
  }
}
