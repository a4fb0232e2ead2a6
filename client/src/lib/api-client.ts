import type { ApiErrorBody } from "@shared/api/errors";
import { CSRF_HEADER } from "@shared/http-headers";

/** An API failure with the server's stable code and safe message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const forbiddenListeners = new Set<(error: ApiError) => void>();

/**
 * Calls `listener` on every 403 the server answers (queries, writes, uploads alike): a grant or
 * policy may have changed since the UI decided what to offer. Returns the unsubscribe function.
 */
export function onForbidden(listener: (error: ApiError) => void): () => void {
  forbiddenListeners.add(listener);
  return () => forbiddenListeners.delete(listener);
}

function parseError(status: number, statusText: string, bodyText: string): ApiError {
  try {
    const body = JSON.parse(bodyText) as Partial<ApiErrorBody>;
    const message = body.message ?? body.error ?? (statusText || `HTTP ${status}`);
    return new ApiError(status, body.code ?? "HTTP_ERROR", message, body.reason);
  } catch {
    return new ApiError(status, "HTTP_ERROR", `${status} ${statusText}`.trim());
  }
}

/**
 * Builds an ApiError from an error response body, whatever shape (or no shape) it has. Every
 * failed response passes through here (fetch and the upload XHR), so 403 listeners hear them all.
 */
export function apiErrorFrom(status: number, statusText: string, bodyText: string): ApiError {
  const error = parseError(status, statusText, bodyText);
  if (status === 403) for (const listener of forbiddenListeners) listener(error);
  return error;
}

/** The header the server requires on every state-changing request (see docs/security.md, CSRF). */

/**
 * Every request carries X-Requested-With: the server refuses state-changing requests without
 * it, which a cross-site form or no-cors request cannot add.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(CSRF_HEADER.name, CSRF_HEADER.value);
  const res = await fetch(path, { ...init, headers, credentials: "same-origin" });
  if (!res.ok) throw apiErrorFrom(res.status, res.statusText, await res.text().catch(() => ""));
  return res;
}

export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(path, init);
  return (await res.json()) as T;
}

export function jsonBody(body: unknown): RequestInit {
  return { body: JSON.stringify(body), headers: { "content-type": "application/json" } };
}
