// Which headers cross the proxy. The app trusts x-forwarded-* for identity, so anything a
// client could forge is dropped before the proxy writes its own values.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { SIGN_OUT_HEADER, SWITCH_USER_HEADER } from "../../server/identity/sign-in-links.js";
import type { LocalUser } from "../principals.js";
import { LOGIN_PATH, LOGOUT_PATH } from "./login-page.js";

// RFC 9110 §7.6.1: these describe one connection, so a proxy never passes them on.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Headers a client must never be able to set on the app's side, because the proxy owns them. */
export function isProxyOwned(name: string): boolean {
  return (
    name.startsWith("x-forwarded-") ||
    name.startsWith("x-local-workspace-") ||
    name === "forwarded" ||
    name === "x-real-ip" ||
    name === "x-request-id"
  );
}

/** Hop-by-hop headers plus any a sender listed in `Connection` (RFC 9110 §7.6.1). */
function hopByHop(connection: string | string[] | undefined): Set<string> {
  const names = new Set(HOP_BY_HOP);
  const values = Array.isArray(connection) ? connection : connection ? [connection] : [];
  for (const value of values) {
    for (const token of value.split(",")) {
      const name = token.trim().toLowerCase();
      if (name) names.add(name);
    }
  }
  return names;
}

export interface AppRequestContext {
  user: LocalUser;
  /** The downscoped user token; undefined when user authorization is off (see user-tokens.ts). */
  accessToken: string | undefined;
  workspaceId: string;
  clientIp: string;
  proto: "http" | "https";
  requestId: string;
  /** Drop `authorization`: it carried the proxy's own Basic sign-in, not something for the app. */
  dropAuthorization: boolean;
  /** The `cookie` header without the proxy's session cookie; undefined when nothing is left. */
  cookie: string | undefined;
  /** Host to send when the client sent none (HTTP/1.0). */
  fallbackHost: string;
}

/** The request headers the app receives: the client's, cleaned, plus what the Apps proxy injects. */
export function toAppHeaders(incoming: IncomingHttpHeaders, ctx: AppRequestContext): OutgoingHttpHeaders {
  const drop = hopByHop(incoming.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || drop.has(name) || isProxyOwned(name)) continue;
    // `Expect: 100-continue` passes on: the app decides whether it wants the body (see forward.ts).
    if (name === "cookie" || name === "authorization" || name === "host") continue;
    out[name] = value;
  }
  if (!ctx.dropAuthorization && incoming.authorization !== undefined)
    out.authorization = incoming.authorization;
  if (ctx.cookie !== undefined) out.cookie = ctx.cookie;
  // Like the real proxy, the app sees the Host the browser used, so Origin checks agree with it.
  const host = incoming.host || ctx.fallbackHost;
  out.host = host;
  out["x-forwarded-user"] = `${ctx.user.id}@${ctx.workspaceId}`;
  out["x-forwarded-email"] = ctx.user.userName;
  out["x-forwarded-preferred-username"] = ctx.user.userName;
  if (ctx.accessToken !== undefined) out["x-forwarded-access-token"] = ctx.accessToken;
  out["x-forwarded-host"] = host;
  out["x-forwarded-proto"] = ctx.proto;
  out["x-forwarded-for"] = ctx.clientIp;
  out["x-real-ip"] = ctx.clientIp;
  out["x-request-id"] = ctx.requestId;
  // Only this proxy signs people in, so only it tells the app where to switch user or sign out.
  out[SWITCH_USER_HEADER] = LOGIN_PATH;
  out[SIGN_OUT_HEADER] = LOGOUT_PATH;
  return out;
}

/**
 * The app's response headers as a flat raw list (the shape `writeHead` accepts), keeping the
 * app's spelling, order and repeats (several `set-cookie`), minus hop-by-hop headers.
 */
export function toClientHeaders(rawHeaders: string[]): string[] {
  const connection: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === "connection") connection.push(rawHeaders[i + 1] ?? "");
  }
  const drop = hopByHop(connection);
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? "";
    if (drop.has(name.toLowerCase())) continue;
    out.push(name, rawHeaders[i + 1] ?? "");
  }
  return out;
}

/** The client's address as a plain IP (IPv4-mapped IPv6 addresses unwrapped). */
export function clientIp(remoteAddress: string | undefined): string {
  if (!remoteAddress) return "unknown";
  return remoteAddress.startsWith("::ffff:") && remoteAddress.includes(".")
    ? remoteAddress.slice(7)
    : remoteAddress;
}
