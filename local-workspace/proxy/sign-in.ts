// Who is making a request: HTTP Basic `<user>:` (scripts, tests) or the switcher's session cookie
// (browsers). Stands in for the workspace sign-in the real Apps proxy performs.
import type { IncomingHttpHeaders } from "node:http";
import type { LocalUser, PrincipalsFile } from "../principals.js";
import { readCookie, type SessionStore } from "./sessions.js";

export type SignIn =
  | { kind: "user"; user: LocalUser; via: "basic" | "session" }
  | { kind: "anonymous" }
  | { kind: "rejected"; message: string };

function shortName(userName: string): string {
  const at = userName.indexOf("@");
  return at < 0 ? userName : userName.slice(0, at);
}

/** A user by full userName or by the part before `@`, case-insensitively (emails are). */
export function findUser(principals: PrincipalsFile, name: string): LocalUser | undefined {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return undefined;
  const exact = principals.users.find((u) => u.userName.toLowerCase() === wanted);
  if (exact || wanted.includes("@")) return exact;
  const matches = principals.users.filter((u) => shortName(u.userName).toLowerCase() === wanted);
  // Two users sharing a local part at different domains: make the caller say which.
  return matches.length === 1 ? matches[0] : undefined;
}

export function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = header?.match(/^\s*basic\s+([A-Za-z0-9+/=_-]*)\s*$/i);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return { user: decoded, password: "" };
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function knownUsers(principals: PrincipalsFile): string {
  return principals.users.map((u) => u.userName).join(", ");
}

export function authenticate(
  headers: IncomingHttpHeaders,
  principals: PrincipalsFile,
  sessions: SessionStore,
  cookieName: string,
): SignIn {
  const basic = parseBasic(headers.authorization);
  if (basic) {
    // Explicit credentials win over a cookie and must be right: a typo shouldn't silently act as someone else.
    if (basic.password !== "") {
      return {
        kind: "rejected",
        message: `The local workspace signs in with an empty password: send Basic credentials '${basic.user}:'`,
      };
    }
    const user = findUser(principals, basic.user);
    if (!user) {
      return {
        kind: "rejected",
        message: `Unknown local workspace user '${basic.user}'; known users: ${knownUsers(principals)} (edit principals.json to add one)`,
      };
    }
    return { kind: "user", user, via: "basic" };
  }
  const userName = sessions.get(readCookie(headers.cookie, cookieName));
  const user = userName === undefined ? undefined : findUser(principals, userName);
  return user ? { kind: "user", user, via: "session" } : { kind: "anonymous" };
}
