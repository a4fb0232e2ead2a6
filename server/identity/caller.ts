// Who is calling, as the Databricks Apps proxy tells us in the headers it injects. The proxy
// strips client-sent x-forwarded-* headers, so these can be trusted behind it; without the
// proxy (a direct call to the app's port) there are no user headers and the request counts as
// the app's own service principal, as in AppKit's policy-user matrix.
import type { IncomingHttpHeaders } from "node:http";

/**
 * Who set the identity headers. The Databricks Apps proxy sends x-forwarded-user as
 * `<numeric id>@<workspace id>`; `databricks apps run-local` (databricks/cli,
 * libs/apps/runlocal/headers.go) sends the user name there, the display name as
 * x-forwarded-preferred-username, and never a user access token.
 */
export type HeaderConvention = "apps-proxy" | "run-local";

export interface Caller {
  /** x-forwarded-user: `<numeric id>@<workspace id>`, or the user name under run-local. */
  userId?: string;
  email?: string;
  /** The Databricks user name (usually the email). */
  userName?: string;
  /** Under run-local, what it sends as x-forwarded-preferred-username. */
  displayName?: string;
  convention?: HeaderConvention;
  /**
   * The user's OAuth token (only when user authorization is enabled). Used for this request's
   * upstream calls only: never logged, stored, cached or sent back.
   */
  accessToken?: string;
  requestId?: string;
  /** Whether the proxy identified an end user. */
  isUser: boolean;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** The Apps proxy's x-forwarded-user ends in `@<workspace id>`; a user name ends in a domain. */
const APPS_PROXY_USER = /@\d+$/;

export function callerFromHeaders(headers: IncomingHttpHeaders): Caller {
  const userId = header(headers, "x-forwarded-user");
  const email = header(headers, "x-forwarded-email");
  const preferred = header(headers, "x-forwarded-preferred-username");
  const runLocal = userId !== undefined && !APPS_PROXY_USER.test(userId);
  return {
    userId,
    email,
    // Under run-local the user name is in x-forwarded-user; the preferred name is for display only.
    userName: runLocal ? userId : preferred,
    ...(runLocal && preferred !== undefined ? { displayName: preferred } : {}),
    ...(userId !== undefined ? { convention: runLocal ? "run-local" : "apps-proxy" } : {}),
    accessToken: header(headers, "x-forwarded-access-token"),
    requestId: header(headers, "x-request-id"),
    isUser: Boolean(userId ?? email),
  };
}

const parsed = new WeakMap<object, Caller>();

/** The request's caller, read from its headers once however many modules ask (the headers do not change). */
export function callerOf(request: { headers: IncomingHttpHeaders }): Caller {
  let caller = parsed.get(request);
  if (!caller) {
    caller = callerFromHeaders(request.headers);
    parsed.set(request, caller);
  }
  return caller;
}
