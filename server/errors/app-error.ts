// The coded error every answer other than success is made of: a status, a stable code and a
// message for the browser. They are built in one place, the catalogue (catalogue.ts).

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
