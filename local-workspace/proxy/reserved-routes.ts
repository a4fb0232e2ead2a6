// Paths under /.proxy/ belong to the proxy (the user switcher) and never reach the app.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { PrincipalsFile } from "../principals.js";
import { expectsContinue } from "./forward.js";
import { LOGIN_PATH, LOGOUT_PATH, renderLoginPage } from "./login-page.js";
import { redirect, sendHtml, sendJson } from "./responses.js";
import { readCookie, type SessionStore, sessionClearCookie, sessionSetCookie } from "./sessions.js";
import { findUser } from "./sign-in.js";

export const RESERVED_PREFIX = "/.proxy/";
const MAX_FORM_BYTES = 8 * 1024;
const BASE = "http://next.invalid";

/** Backslashes and control characters: browsers normalise them, turning `/\evil.com` into `//evil.com`. */
function hasConfusingCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/** Where to go after sign-in: a same-origin path, never another site (`//evil.com`, `/\evil.com`). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || hasConfusingCharacters(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.pathname.startsWith(RESERVED_PREFIX)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

export function loginRedirectTarget(originalUrl: string): string {
  return `${LOGIN_PATH}?next=${encodeURIComponent(originalUrl)}`;
}

export interface ReservedContext {
  principals: PrincipalsFile;
  sessions: SessionStore;
  cookieName: string;
  origin: string;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * Login CSRF: another site must not be able to sign the browser in as someone else. Browsers say
 * where a request comes from in `Sec-Fetch-Site`, which no page can set; `same-site` is refused
 * too (another port of this host is another app). `Origin` is `null` on a post from this very
 * page (it is served with `Referrer-Policy: no-referrer`), so `null` counts only with
 * `Sec-Fetch-Site: same-origin`, and any real origin must be ours. A client that sends neither
 * header is not a browser (curl, scripts) and can't act for one.
 */
function crossSite(headers: IncomingHttpHeaders, origin: string): boolean {
  const site = headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const from = headers.origin;
  if (from === undefined) return false;
  if (from === "null") return site !== "same-origin";
  return from !== origin;
}

/** Answers a /.proxy/ request; returns the signed-in userName for the request log. */
export async function handleReserved(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ReservedContext,
): Promise<string | undefined> {
  const sessionId = readCookie(req.headers.cookie, ctx.cookieName);
  const currentName = ctx.sessions.get(sessionId);
  const current = currentName === undefined ? undefined : findUser(ctx.principals, currentName);
  const page = (status: number, next: string, error?: string) =>
    sendHtml(
      res,
      status,
      renderLoginPage({ users: ctx.principals.users, current, next, origin: ctx.origin, error }),
    );

  if (url.pathname === LOGIN_PATH && (req.method === "GET" || req.method === "HEAD")) {
    page(200, safeNext(url.searchParams.get("next")));
    return current?.userName;
  }
  if (url.pathname === LOGIN_PATH && req.method === "POST") {
    if (crossSite(req.headers, ctx.origin)) {
      sendJson(res, 403, { error: "FORBIDDEN", message: "Cross-site sign-in refused" }, { close: true });
      return undefined;
    }
    if (expectsContinue(req)) res.writeContinue();
    const form = await readForm(req);
    if (!form) {
      sendJson(res, 413, { error: "PAYLOAD_TOO_LARGE", message: "Sign-in form too large" }, { close: true });
      return undefined;
    }
    const next = safeNext(form.get("next"));
    const user = findUser(ctx.principals, form.get("user") ?? "");
    if (!user) {
      page(400, next, `Unknown user '${form.get("user") ?? ""}'`);
      return undefined;
    }
    ctx.sessions.delete(sessionId);
    const id = ctx.sessions.create(user.userName);
    redirect(res, 303, next, sessionSetCookie(ctx.cookieName, id));
    return user.userName;
  }
  if (url.pathname === LOGOUT_PATH && (req.method === "GET" || req.method === "POST")) {
    // Being signed out by another site is a nuisance, not a breach; still, a post must be ours.
    if (req.method === "POST" && crossSite(req.headers, ctx.origin)) {
      sendJson(res, 403, { error: "FORBIDDEN", message: "Cross-site sign-out refused" }, { close: true });
      return currentName;
    }
    ctx.sessions.delete(sessionId);
    redirect(res, 303, LOGIN_PATH, sessionClearCookie(ctx.cookieName));
    return currentName;
  }
  const known = url.pathname === LOGIN_PATH || url.pathname === LOGOUT_PATH;
  sendJson(
    res,
    known ? 405 : 404,
    known
      ? { error: "METHOD_NOT_ALLOWED", message: `${req.method} is not supported on ${url.pathname}` }
      : { error: "NOT_FOUND", message: `${RESERVED_PREFIX} is reserved by the local Apps proxy` },
    { close: true },
  );
  return currentName;
}
