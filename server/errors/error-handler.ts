// The one place an error becomes an HTTP answer: always the `ApiErrorBody` JSON shape, never a
// stack trace, an upstream URL or a token. Unknown errors are answered with a generic 500 and
// logged once, with their stack, on the request's own log line (http/request-log.ts).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { ApiErrorBody } from "../../shared/api/errors.js";
import { noteFailure, requestLog } from "../http/request-log.js";
import { AppError } from "./app-error.js";
import { CODES_BY_STATUS, internal } from "./catalogue.js";

const INTERNAL = internal();

// Headers a route may have set for a success response before it failed; they would lie about
// the JSON error body (e.g. a Content-Disposition turning the error into a download).
const STALE_HEADERS = [
  "content-disposition",
  "content-length",
  "content-range",
  "content-encoding",
  "accept-ranges",
  "etag",
  "last-modified",
  "cache-control",
];

function isFastifyError(err: unknown): err is FastifyError {
  return err instanceof Error && typeof (err as Partial<FastifyError>).statusCode === "number";
}

interface Mapped {
  body: Omit<ApiErrorBody, "requestId" | "error">;
  headers: Record<string, string>;
  /** Whether this is a fault of ours or upstream (logged at error level) rather than the client's. */
  serverSide: boolean;
}

export function mapError(err: unknown): Mapped {
  if (err instanceof AppError) {
    const body: Mapped["body"] = { code: err.code, message: err.message, status: err.status };
    if (err.reason) body.reason = err.reason;
    return { body, headers: err.headers, serverSide: err.status >= 500 };
  }
  if (isFastifyError(err) && err.validation) {
    return {
      body: { code: "INVALID_REQUEST", message: err.message, status: 400 },
      headers: {},
      serverSide: false,
    };
  }
  if (isFastifyError(err) && err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    const status = err.statusCode;
    // Fastify's own errors (FST_*) and JSON syntax errors carry messages written for clients;
    // anything else might not, so it gets a plain description of the status.
    const trusted =
      (typeof err.code === "string" && err.code.startsWith("FST_")) || err instanceof SyntaxError;
    // A status no catalogue code stands for (no Fastify 403 or 409 exists today) keeps its number.
    const code = CODES_BY_STATUS[status] ?? "INVALID_REQUEST";
    const message = trusted ? err.message : `The request failed (${status} ${code}).`;
    return { body: { code, message, status }, headers: {}, serverSide: false };
  }
  return {
    body: { code: INTERNAL.code, message: INTERNAL.message, status: INTERNAL.status },
    headers: {},
    serverSide: true,
  };
}

export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { body, headers, serverSide } = mapError(err);
  // A client's mistake or a refusal is routine: its code on the request's line, no stack trace.
  const failure = { code: body.code, message: body.message };
  noteFailure(request, serverSide ? { ...failure, err } : failure);
  for (const name of STALE_HEADERS) reply.removeHeader(name);
  reply.headers(headers);
  // `error` repeats the message in the field AppKit's files plugin uses, so its clients keep working.
  const payload: ApiErrorBody = { ...body, error: body.message, requestId: String(request.id) };
  return reply.code(body.status).type("application/json; charset=utf-8").send(payload);
}

async function errorHandlerPlugin(app: FastifyInstance): Promise<void> {
  // Errors are logged on the request's one line, so the two come together.
  await app.register(requestLog);
  app.setErrorHandler((err: unknown, request, reply) => sendError(err, request, reply));
}

/** Registers the JSON error handler on the root instance (fastify-plugin skips encapsulation). */
export const errorHandler = fp(errorHandlerPlugin, { name: "error-handler", fastify: "5.x" });
