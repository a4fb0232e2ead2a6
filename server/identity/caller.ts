// Who is calling, as the Databricks Apps proxy tells us in the headers it injects. The proxy
// strips client-sent x-forwarded-* headers, so these can be trusted behind it; without the
// proxy (a direct call to the app's port) there are no user headers and the request counts as
// the app's own service principal, as in AppKit's policy-user matrix.
import type { IncomingHttpHeaders } from "node:http";

export interface Caller {
  /** x-forwarded-user: `<numeric id>@<workspace id>`. */
  userId?: string;
  email?: string;
  userName?: string;
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

export function callerFromHeaders(headers: IncomingHttpHeaders): Caller {
  const userId = header(headers, "x-forwarded-user");
  const email = header(headers, "x-forwarded-email");
  const userName = header(headers, "x-forwarded-preferred-username");
  return {
    userId,
    email,
    userName,
    accessToken: header(headers, "x-forwarded-access-token"),
    requestId: header(headers, "x-request-id"),
    isUser: Boolean(userId ?? email),
  };
}
