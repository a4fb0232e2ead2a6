// The x-forwarded-access-token the proxy sends, as Databricks Apps decides it from the app's
// user_api_scopes (databricks.yml):
// - no scopes: user authorization is off, and no token is forwarded at all;
// - scopes: a short-lived OAuth token for the signed-in user limited to those scopes (plus the
//   defaults), never the user's own personal token. Without files.files the token still comes,
//   and the Files API refuses it with 403 "does not have required scopes: files.files".
// A token is reused for the same user until it is close to expiry, like the real proxy's session.
import type { IssuedUserToken } from "../emulator/scoped-tokens.js";
import { TOKEN_EXCHANGE_GRANT } from "../emulator/scoped-tokens.js";
import type { LocalUser } from "../principals.js";

export interface UserAuthorization {
  /** The app's user_api_scopes; empty means user authorization is off. */
  scopes: readonly string[];
  /** Issues a downscoped token for a user (the emulator's, in process or by token exchange). */
  issue(user: LocalUser, scopes: readonly string[]): IssuedUserToken | Promise<IssuedUserToken>;
}

/**
 * An issuer for a proxy that runs apart from the emulator: the emulator's token endpoint, with an
 * RFC 8693 token exchange of the user's personal token for a scoped one.
 */
export function tokenExchange(emulatorUrl: string): UserAuthorization["issue"] {
  return async (user, scopes) => {
    const res = await fetch(`${emulatorUrl}/oidc/v1/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: TOKEN_EXCHANGE_GRANT,
        subject_token: user.token,
        subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
        scope: scopes.join(" "),
      }),
    });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; error?: string };
    if (!res.ok || !body.access_token) {
      throw new Error(`the token exchange for ${user.userName} failed (${res.status} ${body.error ?? ""})`);
    }
    return { accessToken: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 0) * 1000 };
  };
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
  /** Concurrent first requests of one user (a page load) share one issue. */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly authorization: UserAuthorization | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return (this.authorization?.scopes.length ?? 0) > 0;
  }

  /** The token to forward for `user`, or undefined when user authorization is off. */
  async tokenFor(user: LocalUser): Promise<string | undefined> {
    const authorization = this.authorization;
    if (!authorization || !this.enabled) return undefined;
    const held = this.current.get(user.userName);
    // A user re-created under the same name in principals.json is someone else: new token.
    if (held && held.userId === user.id && this.now() < held.renewAt) return held.accessToken;
    const key = `${user.userName}\n${user.id}`;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const issuing = Promise.resolve(authorization.issue(user, authorization.scopes))
      .then((issued) => {
        const renewBefore = Math.min(RENEW_BEFORE_MS, (issued.expiresAt - this.now()) / 4);
        this.current.set(user.userName, {
          ...issued,
          userId: user.id,
          renewAt: issued.expiresAt - renewBefore,
        });
        return issued.accessToken;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, issuing);
    return issuing;
  }
}
