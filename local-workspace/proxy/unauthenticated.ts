// What a request without a session gets. A person's browser opening a page is sent to the sign-in
// page, and comes back to where it was going; anything else (scripts, the app's own API calls) gets
// a 401 that says how to sign in, with the challenge HTTP requires.
import type { IncomingMessage, ServerResponse } from "node:http";
import { loginRedirectTarget } from "./reserved-routes.js";
import { sendJson } from "./responses.js";

export const NOT_SIGNED_IN =
  "Not signed in to the local workspace: open /.proxy/login or send Basic credentials 'alice:'";

/** A top-level page load in a browser (Fetch Metadata), or a client that asks for HTML without it. */
export function isNavigation(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const mode = req.headers["sec-fetch-mode"];
  if (mode !== undefined) return mode === "navigate";
  return (req.headers.accept ?? "").includes("text/html");
}

/**
 * The 401 challenge. Scripts are told to use Basic (`curl -u alice:`). A browser page's own
 * fetches (Fetch Metadata present) get a scheme browsers don't prompt for: a Basic challenge
 * there would pop up the browser's password dialog over the app instead of its sign-in page.
 */
export function challenge(req: IncomingMessage): string {
  return req.headers["sec-fetch-mode"] === undefined
    ? 'Basic realm="local workspace", charset="UTF-8"'
    : 'LocalWorkspace realm="local workspace"';
}

export function answerUnauthenticated(
  req: IncomingMessage,
  res: ServerResponse,
  message: string,
  opts: { redirect: boolean },
): void {
  if (opts.redirect && isNavigation(req)) {
    res.writeHead(302, {
      location: loginRedirectTarget(req.url ?? "/"),
      "cache-control": "no-store",
      "content-length": 0,
    });
    res.end();
    return;
  }
  sendJson(res, 401, { error: "UNAUTHENTICATED", message }, { close: true, challenge: challenge(req) });
}
