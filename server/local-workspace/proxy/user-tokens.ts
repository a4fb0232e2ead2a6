// The x-forwarded-access-token the proxy sends, as Databricks Apps decides it from the app's
// user_api_scopes (databricks.yml):
// - no scopes: user authorization is off, and no token is forwarded at all;
// - scopes: a short-lived OAuth token for the signed-in user limited to those scopes (plus the
//   defaults), never the user's own personal token. Without files.files the token still comes,
//   and the Files API refuses it with 403 "does not have required scopes: files.files".
// A token is reused for the same user until it is close to expiry, like the real proxy's session.
import type { IssuedUserToken } from "../emulator/scoped-tokens.js";
import type { LocalUser } from "../principals.js";

export interface UserAuthorization {
  /** The app's user_api_scopes; empty means user authorization is off. */
  scopes: readonly string[];
  /** Issues a downscoped token for a user (the emulator's, in the local workspace). */
  issue(userName: string, scopes: readonly string[]): IssuedUserToken;
}

/**
 * A token with less than this left (or a quarter of its life, when it lives shorter) is replaced,
 * so none expires on its way through the app.
 */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

interface Held extends IssuedUserToken {
  userId: string;
  renewAt: number;
}

export class ForwardedTokens {
  private readonly current = new Map<string, Held>();

  constructor(
    private readonly authorization: UserAuthorization | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return (this.authorization?.scopes.length ?? 0) > 0;
  }

  /** The token to forward for `user`, or undefined when user authorization is off. */
  tokenFor(user: LocalUser): string | undefined {
    const authorization = this.authorization;
    if (!authorization || !this.enabled) return undefined;
    const held = this.current.get(user.userName);
    // A user re-created under the same name in principals.json is someone else: new token.
    const now = this.now();
    if (held && held.userId === user.id && now < held.renewAt) return held.accessToken;
    const issued = authorization.issue(user.userName, authorization.scopes);
    const renewBefore = Math.min(RENEW_BEFORE_MS, (issued.expiresAt - now) / 4);
    this.current.set(user.userName, { ...issued, userId: user.id, renewAt: issued.expiresAt - renewBefore });
    return issued.accessToken;
  }
}
