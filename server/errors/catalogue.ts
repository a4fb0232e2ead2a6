// Every error the app answers with: its code, its HTTP status and its message, in one place (as
// fastify's lib/errors.js keeps Fastify's). One code per meaning; nothing outside this module
// builds an AppError. Messages are shown to the browser as is, so they never carry a token, a
// stack or an upstream URL; diagnostic detail goes in `cause`, which is only logged.
//
// Failures of the Files API itself keep the upstream's own status and `error_code` (e.g.
// RESOURCE_DOES_NOT_EXIST, PERMISSION_DENIED for a Unity Catalog refusal): they are built by
// databricks/upstream-error.ts, which takes its own codes (UPSTREAM_*) from UPSTREAM_CODES here.
import { UPLOAD_COMMITTED_HEADER } from "../../shared/http-headers.js";
import { formatSize } from "../../shared/sizes.js";
import { AppError, type AppErrorOptions } from "./app-error.js";

/** Each code the app itself answers with, its status and what it means. */
export const ERROR_CODES = {
  // 400: the request, as sent, cannot be served
  INVALID_REQUEST: { status: 400, meaning: "The request is malformed (schema, form, header)." },
  INVALID_PATH: { status: 400, meaning: "A path fails the path rules or leaves the volume." },
  INVALID_PAGE_TOKEN: { status: 400, meaning: "A page token the Files API cannot have handed out." },
  INVALID_CHUNK: { status: 400, meaning: "A chunk or the parts of a chunked upload break its rules." },
  UPLOAD_TOKEN_INVALID: { status: 400, meaning: "A chunked upload's token is missing or altered." },
  UPLOAD_RECEIPT_INVALID: { status: 400, meaning: "A part receipt is altered or another upload's." },
  UPLOAD_INCOMPLETE: { status: 400, meaning: "An upload body ended before all of its bytes." },
  // 401/403: who is asking, and whether they may
  UNAUTHENTICATED: { status: 401, meaning: "No usable credentials came with the request." },
  IDENTITY_MISMATCH: { status: 401, meaning: "The forwarded token is not the forwarded user's." },
  IDENTITY_UNVERIFIABLE: { status: 403, meaning: "The user's token may not say whose it is." },
  POLICY_DENIED: { status: 403, meaning: "The volume's policy refuses the action." },
  CSRF_REJECTED: {
    status: 403,
    meaning: "A state-changing request without the app's marker, or from another site.",
  },
  ADMINS_ONLY: { status: 403, meaning: "Only the admins in FILES_ADMINS may read diagnostics." },
  UPLOAD_NOT_YOURS: { status: 403, meaning: "A chunked upload started by someone else, or elsewhere." },
  // 404-416: the thing asked about
  NOT_FOUND: { status: 404, meaning: "No such route or resource." },
  VOLUME_NOT_FOUND: { status: 404, meaning: "No configured volume has this key." },
  UPLOAD_TOO_SLOW: { status: 408, meaning: "An upload trickled below the minimum rate or stalled." },
  ALREADY_EXISTS: { status: 409, meaning: "Something exists where a write would put its result." },
  DIRECTORY_NOT_EMPTY: { status: 409, meaning: "A folder to delete is not empty (and not recursive)." },
  UPLOAD_OFFSET_MISMATCH: { status: 409, meaning: "A chunk does not start where the upload stands." },
  UPLOAD_SESSION_LOST: { status: 409, meaning: "A chunked upload can no longer continue." },
  UPLOAD_EXPIRED: { status: 410, meaning: "A chunked upload idled too long and was cancelled." },
  LENGTH_REQUIRED: { status: 411, meaning: "A body whose size must be known came without one." },
  PRECONDITION_FAILED: { status: 412, meaning: "The file changed since it was read." },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: "An upload is over the volume's (or one request's) limit." },
  FILE_TOO_LARGE: { status: 413, meaning: "A file is larger than read returns." },
  TOO_MANY_ENTRIES: { status: 413, meaning: "A folder or selection is larger than the operation takes." },
  TOO_MANY_FILES: { status: 413, meaning: "An upload form carries more files than allowed." },
  TOO_MANY_FIELDS: { status: 413, meaning: "An upload form carries more fields than allowed." },
  TOO_MANY_PARTS: { status: 413, meaning: "An upload form carries more parts than allowed." },
  RANGE_NOT_SATISFIABLE: { status: 416, meaning: "The requested byte range is outside the file." },
  RATE_LIMITED: { status: 429, meaning: "Too many requests." },
  // Fastify's own answers to malformed HTTP, under these codes (error-handler.ts)
  METHOD_NOT_ALLOWED: { status: 405, meaning: "The route does not take this method." },
  NOT_ACCEPTABLE: { status: 406, meaning: "The request's Accept cannot be met." },
  REQUEST_TIMEOUT: { status: 408, meaning: "The request did not arrive in time." },
  URI_TOO_LONG: { status: 414, meaning: "The URL is too long." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: "The body's content type is not taken here." },
  REQUEST_HEADER_FIELDS_TOO_LARGE: { status: 431, meaning: "The request's headers are too large." },
  REQUEST_ABORTED: { status: 499, meaning: "The client went away (nobody reads this answer)." },
  // 5xx: ours, or the upstream's
  INTERNAL: { status: 500, meaning: "A fault of the app's." },
  CONFIG_ERROR: { status: 500, meaning: "The app's configuration cannot serve this." },
  SHUTTING_DOWN: { status: 503, meaning: "The app is restarting." },
  UPLOADS_BUSY: { status: 503, meaning: "The process moves as many chunks as it may; send again." },
} as const satisfies Record<string, { status: number; meaning: string }>;

/** The app's own codes for upstream failures (databricks/upstream-error.ts builds them). */
export const UPSTREAM_CODES = {
  UPSTREAM_ERROR: { status: 502, meaning: "The Files API answered something unusable." },
  UPSTREAM_AUTH_FAILED: { status: 502, meaning: "The app could not authenticate to Databricks." },
  UPSTREAM_UNAVAILABLE: { status: 502, meaning: "The Files API could not be reached, or broke off." },
  UPSTREAM_STORAGE_ERROR: { status: 502, meaning: "The cloud storage behind a presigned URL failed." },
  UPSTREAM_BUSY: { status: 503, meaning: "The Files API kept answering 429 past our patience." },
  UPLOAD_PART_URL_EXPIRED: { status: 503, meaning: "A presigned part URL expired; send the chunk again." },
  UPSTREAM_TIMEOUT: { status: 504, meaning: "The Files API did not answer (or move bytes) in time." },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type UpstreamCode = keyof typeof UPSTREAM_CODES;

function make(code: ErrorCode, message: string, options?: AppErrorOptions): AppError {
  return new AppError(ERROR_CODES[code].status, code, message, options);
}

// ── 400 ──────────────────────────────────────────────────────────────────────────────────────
export const badRequest = (message: string, options?: AppErrorOptions) =>
  make("INVALID_REQUEST", message, options);
export const invalidPath = (message: string, options?: AppErrorOptions) =>
  make("INVALID_PATH", message, options);
export const invalidPageToken = () =>
  make(
    "INVALID_PAGE_TOKEN",
    "The page token is not one the Files API handed out; start the listing again without it.",
  );
export const invalidChunk = (message: string) => make("INVALID_CHUNK", message);
export const uploadTokenInvalid = () =>
  make("UPLOAD_TOKEN_INVALID", "The upload token is missing, malformed or was altered.");
export const uploadReceiptInvalid = () =>
  make("UPLOAD_RECEIPT_INVALID", "A part receipt is malformed, altered or from another upload.");
export const uploadIncomplete = (cause: unknown) =>
  make("UPLOAD_INCOMPLETE", "The upload ended before all of its bytes arrived; nothing was written.", {
    cause,
  });

// ── 401 / 403 ────────────────────────────────────────────────────────────────────────────────
export const unauthorized = (message = "Authentication is required.", options?: AppErrorOptions) =>
  make("UNAUTHENTICATED", message, options);
export const identityMismatch = () =>
  make(
    "IDENTITY_MISMATCH",
    "The user headers of this request do not belong to the user access token that came with them. " +
      "Open the app through its Databricks Apps URL.",
  );
export const identityUnverifiable = (cause: unknown) =>
  make(
    "IDENTITY_UNVERIFIABLE",
    "The forwarded user access token may not read its own user (SCIM Me), so the app cannot check who sent " +
      "this request. Keep the default iam.current-user:read scope in the app's user_api_scopes.",
    { cause },
  );
export const policyDenied = (action: string, volume: string) =>
  make("POLICY_DENIED", `Policy denied "${action}" on volume "${volume}"`);
export const csrfRejected = (reason: string) => make("CSRF_REJECTED", reason);
export const adminsOnly = () => make("ADMINS_ONLY", "Diagnostics are for the admins named in FILES_ADMINS.");
export const uploadNotYours = () =>
  make("UPLOAD_NOT_YOURS", "This upload was started by someone else, or on another volume.");

// ── 404 – 416 ────────────────────────────────────────────────────────────────────────────────
export const notFound = (message = "Not found.", options?: AppErrorOptions) =>
  make("NOT_FOUND", message, options);
export const volumeNotFound = (key: string, known: readonly string[]) =>
  make("VOLUME_NOT_FOUND", `Unknown volume "${key.slice(0, 100)}". Configured volumes: ${known.join(", ")}.`);
export const uploadTooSlow = (minBytesPerSecond: number, windowMs: number) =>
  make(
    "UPLOAD_TOO_SLOW",
    `The upload was stopped: it sent fewer than ${minBytesPerSecond} bytes per second over ${Math.round(windowMs / 1000)} s.`,
  );
export const uploadStalled = (ms: number) =>
  make("UPLOAD_TOO_SLOW", `The upload was stopped: no bytes arrived for ${Math.round(ms / 1000)} s.`);
export const conflict = (message: string, options?: AppErrorOptions) =>
  make("ALREADY_EXISTS", message, options);
export const directoryNotEmpty = (cause: unknown) =>
  make("DIRECTORY_NOT_EMPTY", "The folder is not empty; delete it recursively to remove its contents.", {
    cause,
  });
export const offsetMismatch = (committed: number) =>
  make(
    "UPLOAD_OFFSET_MISMATCH",
    `The server has ${committed} bytes of this upload; send the chunk that starts there.`,
    {
      headers: { [UPLOAD_COMMITTED_HEADER]: String(committed) },
    },
  );
export const sessionLost = (message?: string) =>
  make(
    "UPLOAD_SESSION_LOST",
    message ??
      "This upload was held open by an app process that no longer has it (restart, another instance, or it failed); start the upload again.",
  );
export const uploadExpired = () =>
  make(
    "UPLOAD_EXPIRED",
    "This upload expired (no chunk arrived for too long) and was cancelled; start it again.",
  );
export const lengthRequired = () =>
  make("LENGTH_REQUIRED", "A chunk needs a Content-Length header: its exact size in bytes.");
export const preconditionFailed = (
  message = "The file changed since it was read.",
  options?: AppErrorOptions,
) => make("PRECONDITION_FAILED", message, options);
/** `limitLabel`: the limit as the admin wrote it (`1MB` says "1 MB", not "977 KiB"). */
export const payloadTooLarge = (maxBytes: number, options?: AppErrorOptions & { limitLabel?: string }) =>
  make(
    "PAYLOAD_TOO_LARGE",
    `The upload is larger than this volume's limit of ${options?.limitLabel ?? formatSize(maxBytes)} per file.`,
    options,
  );
/** A declared or received size over a limit that is not the volume's own. */
export const tooLarge = (message: string) => make("PAYLOAD_TOO_LARGE", message);
export const fileTooLarge = (limit: number) =>
  make(
    "FILE_TOO_LARGE",
    `The file is larger than ${limit} bytes, the most read returns; use download instead.`,
  );
export const tooManyEntries = (message: string) => make("TOO_MANY_ENTRIES", message);
export const tooManyFiles = (files: number) =>
  make(
    "TOO_MANY_FILES",
    `The form has more than ${files} files, the most one upload request may carry; no file after the ${files}th was uploaded.`,
  );
export const tooManyFields = (fields: number) =>
  make(
    "TOO_MANY_FIELDS",
    `The form has more than ${fields} fields; nothing after the ${fields}th field was read or uploaded.`,
  );
export const tooManyParts = (parts: number) =>
  make(
    "TOO_MANY_PARTS",
    `The form has more than ${parts} parts; nothing after the ${parts}th part was read or uploaded.`,
  );
/** `size`: the whole file, for the Content-Range the status requires; absent when unknown. */
export const rangeNotSatisfiable = (size?: number, options?: AppErrorOptions) =>
  make("RANGE_NOT_SATISFIABLE", "The requested range is not satisfiable.", {
    ...options,
    headers: { ...(size === undefined ? {} : { "content-range": `bytes */${size}` }), ...options?.headers },
  });
export const tooManyRequests = (message: string, options?: AppErrorOptions) =>
  make("RATE_LIMITED", message, options);
export const requestAborted = (operation: string, cause?: unknown) =>
  make("REQUEST_ABORTED", `The request was cancelled (${operation}).`, { cause });
export const clientGone = () => make("REQUEST_ABORTED", "The client closed the request.");

// ── 5xx ──────────────────────────────────────────────────────────────────────────────────────
export const internal = (message = "Internal server error.", options?: AppErrorOptions) =>
  make("INTERNAL", message, options);
export const configError = (message: string) => make("CONFIG_ERROR", message);
export const shuttingDown = () => make("SHUTTING_DOWN", "The app is restarting; try again.");
export const uploadsBusy = () =>
  make("UPLOADS_BUSY", "The server is moving as many chunks as it can; send this one again shortly.", {
    headers: { "retry-after": "1" },
  });

/** A multipart parser's own 4xx (its message is written for clients), under the catalogue's code for it. */
export const parserRefusal = (status: number, message: string, cause: unknown) =>
  make(status === 413 ? "PAYLOAD_TOO_LARGE" : "INVALID_REQUEST", message, { cause });

/** Fastify's (and its plugins') own 4xx answers, by status: the catalogue's code for each. */
export const CODES_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: "INVALID_REQUEST",
  401: "UNAUTHENTICATED",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  406: "NOT_ACCEPTABLE",
  408: "REQUEST_TIMEOUT",
  411: "LENGTH_REQUIRED",
  412: "PRECONDITION_FAILED",
  413: "PAYLOAD_TOO_LARGE",
  414: "URI_TOO_LONG",
  415: "UNSUPPORTED_MEDIA_TYPE",
  416: "RANGE_NOT_SATISFIABLE",
  429: "RATE_LIMITED",
  431: "REQUEST_HEADER_FIELDS_TOO_LARGE",
};
