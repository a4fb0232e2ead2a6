// Where a person switches user or signs out, when there is such a place. The local workspace's
// Apps proxy (local-workspace/proxy) signs demo users in itself and tells the app so with
// these headers, which it strips from clients and sets on every request it forwards. The real
// Databricks Apps proxy never sends them: people sign in and out with their workspace account,
// so the app offers neither. A client reaching the app some other way could set them, but they
// only change the links shown to that same client, and only to paths on this origin.
import type { IncomingHttpHeaders } from "node:http";

export const SWITCH_USER_HEADER = "x-local-workspace-sign-in";
export const SIGN_OUT_HEADER = "x-local-workspace-sign-out";

export interface SignInLinks {
  switchUserUrl: string;
  signOutUrl: string;
}

/** A path on this origin (`/.proxy/login`): never another site (`//evil.com`) nor a scheme. */
const SAME_ORIGIN_PATH = /^\/(?!\/)[A-Za-z0-9._~/-]*$/;

function path(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first !== undefined && SAME_ORIGIN_PATH.test(first) ? first : undefined;
}

export function signInLinks(headers: IncomingHttpHeaders): SignInLinks | undefined {
  const switchUserUrl = path(headers, SWITCH_USER_HEADER);
  const signOutUrl = path(headers, SIGN_OUT_HEADER);
  return switchUserUrl && signOutUrl ? { switchUserUrl, signOutUrl } : undefined;
}
