// Coded domain errors: what a route or service throws when it means a specific HTTP answer.
// The message is shown to the browser as is, so it must never carry a token, a stack or an
// upstream URL; put diagnostic detail in `cause`, which is only logged.
import { formatSize } from "../../shared/sizes.js";

export interface AppErrorOptions {
  /** Upstream detail worth showing, e.g. the Unity Catalog ErrorInfo reason. */
  reason?: string;
  cause?: unknown;
  /** Response headers that belong to this error (e.g. `retry-after`, `content-range` on 416). */
  headers?: Record<string, string>;
}

const CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

export class AppError extends Error {
  readonly status: number;
  /** Stable SCREAMING_SNAKE machine code. */
  readonly code: string;
  readonly reason?: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`AppError status must be 400-599, got ${status}`);
    }
    if (!CODE_PATTERN.test(code)) throw new RangeError(`AppError code must be SCREAMING_SNAKE, got ${code}`);
    this.name = "AppError";
    this.status = status;
    this.code = code;
    this.reason = options.reason;
    this.headers = options.headers ?? {};
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export const badRequest = (message: string, options?: AppErrorOptions) =>
  new AppError(400, "INVALID_REQUEST", message, options);

/** A path that fails validation (dot segments, control characters, outside the volume, …). */
export const invalidPath = (message: string, options?: AppErrorOptions) =>
  new AppError(400, "INVALID_PATH", message, options);

export const unauthorized = (message = "Authentication is required.", options?: AppErrorOptions) =>
  new AppError(401, "UNAUTHENTICATED", message, options);

/** The app's own policy refused the action (Unity Catalog refusals are upstream 403s). */
export const forbidden = (message = "This action is not allowed.", options?: AppErrorOptions) =>
  new AppError(403, "POLICY_DENIED", message, options);

export const notFound = (message = "Not found.", options?: AppErrorOptions) =>
  new AppError(404, "NOT_FOUND", message, options);

export const conflict = (message: string, options?: AppErrorOptions) =>
  new AppError(409, "ALREADY_EXISTS", message, options);

export const preconditionFailed = (
  message = "The file changed since it was read.",
  options?: AppErrorOptions,
) => new AppError(412, "PRECONDITION_FAILED", message, options);

/** `limitLabel`: the limit as the admin wrote it (`1MB` says "1 MB", not "977 KiB"). */
export const payloadTooLarge = (maxBytes: number, options?: AppErrorOptions & { limitLabel?: string }) =>
  new AppError(
    413,
    "PAYLOAD_TOO_LARGE",
    `The upload is larger than this volume's limit of ${options?.limitLabel ?? formatSize(maxBytes)} per file.`,
    options,
  );

export const rangeNotSatisfiable = (size: number, options?: AppErrorOptions) =>
  new AppError(416, "RANGE_NOT_SATISFIABLE", "The requested range is not satisfiable.", {
    ...options,
    headers: { "content-range": `bytes */${size}`, ...options?.headers },
  });

export const tooManyRequests = (message: string, options?: AppErrorOptions) =>
  new AppError(429, "RATE_LIMITED", message, options);

/** The Files API (or the network to it) failed; `status` is what our client answers (502/504/…). */
export const upstream = (status: number, code: string, message: string, options?: AppErrorOptions) =>
  new AppError(status, code, message, options);

export const internal = (message = "Internal server error.", options?: AppErrorOptions) =>
  new AppError(500, "INTERNAL", message, options);
