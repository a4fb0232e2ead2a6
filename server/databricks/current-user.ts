// Who a config authenticates as (SCIM /Me): the service principal's identity for the policy user
// of requests without user headers, and for diagnostics.

import type { Dispatcher } from "undici";
import type { Credentials } from "./credentials.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from "./retry.js";
import { readSmallText, Transport } from "./transport.js";
import { fromHttpFailure, UpstreamError } from "./upstream-error.js";

export interface CurrentUser {
  id: string;
  /** A user's email, or a service principal's application (client) id. */
  userName: string;
  displayName?: string;
  /** SCIM `emails[].value` (users; a service principal has none). */
  emails?: string[];
}

export interface CurrentUserOptions {
  credentials: Credentials;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  retries?: Partial<RetryPolicy>;
}

const SCIM_ME_PATH = "/api/2.0/preview/scim/v2/Me";

export async function fetchCurrentUser(
  options: CurrentUserOptions,
  signal?: AbortSignal,
): Promise<CurrentUser> {
  const transport = new Transport({
    credentials: options.credentials,
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const operation = "GET scim/Me";
  const text = await withRetries({ ...DEFAULT_RETRY_POLICY, ...options.retries }, { signal }, async () => {
    const res = await transport.send({ method: "GET", pathname: SCIM_ME_PATH, signal, operation });
    const body = await readSmallText(res.body);
    if (res.status < 200 || res.status >= 300) {
      throw fromHttpFailure({ status: res.status, bodyText: body, headers: res.headers, operation });
    }
    return body;
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const record = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  if (typeof record.id !== "string" || typeof record.userName !== "string") {
    throw new UpstreamError(502, "UPSTREAM_ERROR", "The SCIM /Me answer has no id or userName.");
  }
  const user: CurrentUser = { id: record.id, userName: record.userName };
  if (typeof record.displayName === "string") user.displayName = record.displayName;
  if (Array.isArray(record.emails)) {
    const emails = record.emails
      .map((e: unknown) =>
        typeof e === "object" && e !== null ? (e as { value?: unknown }).value : undefined,
      )
      .filter((v): v is string => typeof v === "string");
    if (emails.length > 0) user.emails = emails;
  }
  return user;
}

/**
 * `currentServicePrincipal()` for the app's own config: fetched once and cached; a failure is not
 * cached, so the next call tries again. The shared fetch takes no caller signal (one caller going
 * away must not fail the others); it is bounded by the timeout and retry budget instead.
 */
export function createCurrentServicePrincipal(options: CurrentUserOptions): () => Promise<CurrentUser> {
  let cached: Promise<CurrentUser> | undefined;
  return () => {
    if (!cached) {
      const attempt = fetchCurrentUser(options);
      cached = attempt;
      attempt.catch(() => {
        if (cached === attempt) cached = undefined;
      });
    }
    return cached;
  };
}
