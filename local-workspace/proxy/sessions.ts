// Browser sessions of the user switcher. The cookie holds only a random id; who it belongs to
// stays in this process, so a person can't become someone else by editing a cookie.
import { randomBytes } from "node:crypto";

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
// A bound so a script that signs in in a loop can't grow the map without limit.
const MAX_SESSIONS = 1000;

/** Cookies are shared across ports of one host; the port in the name keeps two local workspaces apart. */
export const SESSION_COOKIE_PREFIX = "local-workspace-session";

export function sessionCookieName(port: number): string {
  return `${SESSION_COOKIE_PREFIX}-${port}`;
}

interface Session {
  userName: string;
  expires: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(userName: string): string {
    const id = randomBytes(32).toString("base64url");
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(id, { userName, expires: Date.now() + SESSION_TTL_MS });
    return id;
  }

  /** The userName a session id belongs to, if the session exists and has not expired. */
  get(id: string | undefined): string | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expires < Date.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session.userName;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }
}

export function sessionSetCookie(name: string, id: string): string {
  return `${name}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}`;
}

export function sessionClearCookie(name: string): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

function cookiePairs(header: string | undefined): string[] {
  return header
    ? header
        .split(";")
        .map((p) => p.trim())
        .filter((p) => p.length > 0)
    : [];
}

function pairName(pair: string): string {
  const eq = pair.indexOf("=");
  return (eq < 0 ? pair : pair.slice(0, eq)).trim();
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  const pair = cookiePairs(header).find((p) => pairName(p) === name);
  return pair === undefined ? undefined : pair.slice(pair.indexOf("=") + 1).trim();
}

/** The cookie header the app may see: every local-workspace session cookie removed, others kept. */
export function withoutSessionCookies(header: string | undefined): string | undefined {
  const kept = cookiePairs(header).filter((p) => !pairName(p).startsWith(SESSION_COOKIE_PREFIX));
  return kept.length > 0 ? kept.join("; ") : undefined;
}
