// Maps Files API failures to AppErrors that keep the upstream status and error code. The SDK's
// own parsing falls back to the HTTP status text when `details[].metadata` is missing (docs/databricks-files-api.md, SDK trap 4),
// so the raw body is re-read here. Messages never carry a token or the upstream URL.
import { AppError, type AppErrorOptions } from "../errors/app-error.js";
import { UPSTREAM_CODES, type UpstreamCode } from "../errors/catalogue.js";

export interface UpstreamErrorInit extends AppErrorOptions {
  /** The status the Files API answered with; undefined for network failures and timeouts. */
  upstreamStatus?: number;
  /** The raw `error_code` from the body, when there was one. */
  upstreamCode?: string;
  /** Whether an idempotent read may be retried after this failure. */
  retryable?: boolean;
  /** The `Retry-After` delay the upstream asked for. */
  retryAfterMs?: number;
  /** Databricks did not accept the credentials (a 401, or the 403 "Invalid access token."). */
  credentialsRejected?: boolean;
}

export class UpstreamError extends AppError {
  readonly upstreamStatus?: number;
  readonly upstreamCode?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly credentialsRejected: boolean;

  constructor(status: number, code: string, message: string, init: UpstreamErrorInit = {}) {
    super(status, code, message, init);
    this.name = "UpstreamError";
    this.upstreamStatus = init.upstreamStatus;
    this.upstreamCode = init.upstreamCode;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.credentialsRejected = init.credentialsRejected ?? false;
  }
}

/** One of the app's own upstream failures, with the status the catalogue gives its code. */
export function upstreamFailure(
  code: UpstreamCode,
  message: string,
  init?: UpstreamErrorInit,
): UpstreamError {
  return new UpstreamError(UPSTREAM_CODES[code].status, code, message, init);
}

const PASS_THROUGH = new Set([400, 401, 403, 404, 409, 412, 413, 416, 429]);

const DEFAULT_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  412: "PRECONDITION_FAILED",
  413: "PAYLOAD_TOO_LARGE",
  416: "RANGE_NOT_SATISFIABLE",
  429: "REQUEST_LIMIT_EXCEEDED",
};

// HEAD errors have no body, so these stand in for the upstream message.
const DEFAULT_MESSAGES: Record<number, string> = {
  400: "The Files API rejected the request.",
  401: "The Databricks credentials were rejected.",
  403: "Unity Catalog denied access to this path.",
  404: "The file or directory does not exist.",
  409: "A file or directory already exists at this path.",
  412: "The file changed since it was read.",
  413: "The file is too large for the Files API.",
  416: "The requested range is not satisfiable.",
};

const MAX_MESSAGE_CHARS = 500;
const CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

export interface ParsedErrorBody {
  errorCode?: string;
  /**
   * A numeric `error_code`: the gateway's "Invalid access token." says `"error_code": 403`
   * (databricks-sdk-go issues 873, 917, 1046). The SDK hands the number on as `errorCode`.
   */
  numericCode?: number;
  message?: string;
  reason?: string;
}

/** Reads `error_code`, `message` and the first `details[].reason` from a Files API error body. */
export function parseErrorBody(text: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof json !== "object" || json === null) return {};
  const record = json as Record<string, unknown>;
  const out: ParsedErrorBody = {};
  if (typeof record.error_code === "string" && CODE_PATTERN.test(record.error_code))
    out.errorCode = record.error_code;
  if (typeof record.error_code === "number" && Number.isInteger(record.error_code))
    out.numericCode = record.error_code;
  if (typeof record.message === "string" && record.message.trim()) {
    out.message = record.message.trim().slice(0, MAX_MESSAGE_CHARS);
  }
  if (Array.isArray(record.details)) {
    for (const detail of record.details) {
      const reason = (detail as Record<string, unknown> | null)?.reason;
      if (typeof reason === "string" && CODE_PATTERN.test(reason)) {
        out.reason = reason;
        break;
      }
    }
  }
  return out;
}

export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface HttpFailure {
  status: number;
  bodyText: string;
  headers: Record<string, string | string[] | undefined>;
  /** e.g. "GET files": names the operation in messages without the URL. */
  operation: string;
}

const INVALID_TOKEN = /invalid access token/i;

/** The 403 Databricks answers for a token it does not know, as opposed to a missing grant. */
function isInvalidToken(
  parsed: ParsedErrorBody,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  const phrase = headers["x-databricks-reason-phrase"];
  return (
    parsed.numericCode === 403 ||
    INVALID_TOKEN.test(parsed.message ?? "") ||
    INVALID_TOKEN.test(Array.isArray(phrase) ? (phrase[0] ?? "") : (phrase ?? ""))
  );
}

/** An upstream non-2xx answer as an UpstreamError. */
export function fromHttpFailure(failure: HttpFailure): UpstreamError {
  const { status, operation } = failure;
  const parsed = parseErrorBody(failure.bodyText);
  const retryAfterMs = parseRetryAfter(failure.headers["retry-after"]);
  const base: UpstreamErrorInit = {
    upstreamStatus: status,
    upstreamCode: parsed.errorCode,
    reason: parsed.reason,
    retryable: status === 429 || status >= 500,
    retryAfterMs,
  };
  if (status === 401 || (status === 403 && isInvalidToken(parsed, failure.headers))) {
    // Not a missing grant: the token itself was refused (unknown, expired, revoked). Our callers
    // treat this as "sign in again" (a user token) or "fix the app's credentials" (the SP's).
    const said = parsed.message ?? DEFAULT_MESSAGES[401] ?? "";
    return new UpstreamError(
      401,
      "UNAUTHENTICATED",
      `Databricks did not accept the access token (${said.replace(/\.$/, "")}).`,
      { ...base, credentialsRejected: true },
    );
  }
  if (status === 429) {
    const headers: Record<string, string> = {};
    if (retryAfterMs !== undefined) headers["retry-after"] = String(Math.ceil(retryAfterMs / 1000));
    return new UpstreamError(
      429,
      parsed.errorCode ?? DEFAULT_CODES[429] ?? "REQUEST_LIMIT_EXCEEDED",
      "The Databricks Files API is rate limiting requests. Try again in a moment.",
      { ...base, headers },
    );
  }
  if (PASS_THROUGH.has(status)) {
    const headers: Record<string, string> = {};
    const contentRange = failure.headers["content-range"];
    if (status === 416 && typeof contentRange === "string") headers["content-range"] = contentRange;
    // The Files API answers 413 with REQUEST_LIMIT_EXCEEDED, which reads like a rate limit.
    const code = status === 413 ? "PAYLOAD_TOO_LARGE" : (parsed.errorCode ?? DEFAULT_CODES[status]);
    return new UpstreamError(
      status,
      code ?? "UPSTREAM_ERROR",
      parsed.message ?? DEFAULT_MESSAGES[status] ?? `The Files API answered ${status}.`,
      { ...base, headers },
    );
  }
  // 5xx, odd 4xx and anything else: the upstream's fault as far as our caller is concerned.
  return new UpstreamError(
    502,
    "UPSTREAM_ERROR",
    `The Databricks Files API failed (${operation}: HTTP ${status}).`,
    base,
  );
}

const NETWORK_RETRYABLE = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Whether `err` or one of its causes carries the Node/undici error `code`. */
export function hasErrorCode(err: unknown, code: string): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if ((current as NodeJS.ErrnoException).code === code) return true;
    current = current.cause;
  }
  return false;
}

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}

export const upstreamTimeout = (operation: string, timeoutMs: number, cause?: unknown) =>
  new UpstreamError(
    504,
    "UPSTREAM_TIMEOUT",
    `The Databricks Files API did not respond in time (${operation}, ${Math.round(timeoutMs / 1000)} s).`,
    { cause },
  );

/** A failure below HTTP (refused, reset, DNS, TLS) or an undici timeout. */
export function fromNetworkError(err: unknown, operation: string, timeoutMs: number): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const code = errorCode(err);
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return upstreamTimeout(operation, timeoutMs, err);
  }
  return new UpstreamError(
    502,
    "UPSTREAM_UNAVAILABLE",
    `Could not reach the Databricks Files API (${operation}).`,
    {
      cause: err,
      retryable: code !== undefined && NETWORK_RETRYABLE.has(code),
    },
  );
}
