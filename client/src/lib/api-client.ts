import type { ApiErrorBody } from "../../../shared/api/errors";

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

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    return new ApiError(res.status, body.code ?? "HTTP_ERROR", body.message ?? res.statusText, body.reason);
  } catch {
    return new ApiError(res.status, "HTTP_ERROR", `${res.status} ${res.statusText}`);
  }
}

/**
 * Every request carries X-Requested-With: the server refuses state-changing requests without
 * it, which a cross-site form or no-cors request cannot add.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("x-requested-with", "volumes-browser");
  const res = await fetch(path, { ...init, headers, credentials: "same-origin" });
  if (!res.ok) throw await toApiError(res);
  return res;
}

export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(path, init);
  return (await res.json()) as T;
}
