// Databricks-shaped error responses. The Files API often omits `details[].metadata`, which makes
// the SDK fall back to the HTTP status text for `errorCode` (docs/databricks-files-api.md, SDK trap 4); we omit it too so the
// app's own error mapping is exercised the way production exercises it.

import type { IncomingMessage, ServerResponse } from "node:http";
import { dropRestOfBody } from "../../server/http/lingering-close.js";

export const ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";
export const FILES_DOMAIN = "filesystem.databricks.com";

export class EmulatorApiError extends Error {
  constructor(
    readonly status: number,
    /** Mostly a string; the gateway's "Invalid access token." carries the number 403. */
    readonly errorCode: string | number,
    message: string,
    /** A `FILES_API_*` reason; when set the body carries a `details[0]` ErrorInfo. */
    readonly reason?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(err: EmulatorApiError): Record<string, unknown> {
  const body: Record<string, unknown> = { error_code: err.errorCode, message: err.message };
  if (err.reason) body.details = [{ "@type": ERROR_INFO_TYPE, reason: err.reason, domain: FILES_DOMAIN }];
  return body;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text).toString(),
  });
  res.end(text);
}

/** After an early answer, how long and how much of the unread body is read and dropped. */
/**
 * An answer sent before the body was read (409, 403, 413, an injected 503): real front ends
 * linger (Envoy's delayed close) so the client reads the answer instead of a reset; briefly.
 */
export function lingerOnBody(req: IncomingMessage): void {
  dropRestOfBody(req, { ms: 1_000 });
}

/**
 * Answers with an error. HEAD errors carry no body, as on Databricks. A request whose body was not
 * read (an early-rejected upload) lingers briefly (lingerOnBody); one that asked for
 * `Expect: 100-continue` never sent its body, so its connection is simply closed.
 */
export function sendError(req: IncomingMessage, res: ServerResponse, err: EmulatorApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { ...err.headers };
  if (!req.complete) {
    if (/100-continue/i.test(req.headers.expect ?? "")) headers.connection = "close";
    else lingerOnBody(req);
  }
  if (req.method === "HEAD") {
    res.writeHead(err.status, headers);
    res.end();
    return;
  }
  sendJson(res, err.status, errorBody(err), headers);
}

// Constructors for the errors the routes raise, so messages and reasons stay consistent.
export const notFound = (
  reason: "FILES_API_FILE_NOT_FOUND" | "FILES_API_DIRECTORY_NOT_FOUND" | "FILES_API_DIRECTORY_IS_NOT_FOUND",
  what: string,
) => new EmulatorApiError(404, "NOT_FOUND", `The ${what} being accessed is not found.`, reason);

export const invalidPath = (detail: string) =>
  new EmulatorApiError(400, "BAD_REQUEST", `Invalid path: ${detail}`, "FILES_API_INVALID_PATH");

export const invalidParameter = (message: string, reason?: string) =>
  new EmulatorApiError(400, "INVALID_PARAMETER_VALUE", message, reason);

export const alreadyExists = (message: string, reason: string) =>
  new EmulatorApiError(409, "ALREADY_EXISTS", message, reason);

export const endpointNotFound = (method: string, pathname: string) =>
  new EmulatorApiError(404, "ENDPOINT_NOT_FOUND", `No API found for '${method} ${pathname}'`);
