// One log line per request, written when the response is done: method, URL, route, status,
// time and who asked, plus the error code of a refusal. Fastify's own "incoming request" and
// "request completed" pair is switched off (app.ts: disableRequestLogging) so a person reading
// the log sees each request once. An unexpected error (5xx) goes on the same line, at error
// level with its stack; a client's mistake or a refusal stays at info, without a stack.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { callerOf } from "../identity/caller.js";

interface Failure {
  code: string;
  message: string;
  /** Only for server-side faults: the error whose stack the log line carries. */
  err?: unknown;
}

const failures = new WeakMap<FastifyRequest, Failure>();

/** Called by the error handler: the request's line then says why it failed. */
export function noteFailure(request: FastifyRequest, failure: Failure): void {
  failures.set(request, failure);
}

/**
 * A streamed body that fails after the headers went out never reaches the error handler: the
 * client sees an aborted response, and the request's line says why (its code, e.g. FILE_CHANGED).
 */
export function noteStreamFailure(request: FastifyRequest, body: NodeJS.ReadableStream): void {
  body.once("error", (err: unknown) => {
    const code =
      typeof (err as { code?: unknown }).code === "string" ? (err as { code: string }).code : "STREAM_FAILED";
    const message = err instanceof Error ? err.message : String(err);
    const status = (err as { status?: unknown }).status;
    // Like the error handler: a stack only for the server's own faults, not a refusal like FILE_CHANGED.
    const serverSide = typeof status !== "number" || status >= 500;
    noteFailure(request, serverSide ? { code, message, err } : { code, message });
  });
}

/** Who the line names: never the token, and the email rather than the proxy's numeric id. */
function whoAsked(request: FastifyRequest): string {
  const caller = callerOf(request);
  return caller.email ?? caller.userName ?? caller.userId ?? "service-principal";
}

/** Requests whose line is written: one line each, whichever way the request ended. */
const logged = new WeakSet<FastifyRequest>();

function logLine(request: FastifyRequest, reply: FastifyReply, closedEarly: boolean): void {
  if (logged.has(request)) return;
  logged.add(request);
  const ms = Math.round(reply.elapsedTime * 10) / 10;
  const status = reply.statusCode;
  const user = whoAsked(request);
  const line: Record<string, unknown> = {
    method: request.method,
    url: request.url,
    route: request.routeOptions.url ?? null,
    status,
    ms,
    user,
  };
  if (closedEarly) line.closedEarly = true;
  const failure = failures.get(request);
  if (failure) {
    line.code = failure.code;
    line.reason = failure.message;
  }
  const note = closedEarly ? " (client closed before the end)" : "";
  const msg = `${request.method} ${request.url} ${status}${note} ${ms}ms ${user}`;
  if (failure?.err !== undefined) request.log.error({ ...line, err: failure.err }, msg);
  else request.log.info(line, msg);
}

async function requestLogPlugin(app: FastifyInstance): Promise<void> {
  app.addHook("onResponse", (request, reply, done) => {
    logLine(request, reply, false);
    done();
  });
  // onResponse runs only for a response that finished; a client that goes away mid-request
  // (a cancelled download, a closed tab) gets its one line here instead.
  app.addHook("onRequest", (request, reply, done) => {
    reply.raw.once("close", () => {
      // writableEnded: the response was completed by us (onResponse follows, or has run).
      if (!reply.raw.writableEnded) logLine(request, reply, true);
    });
    done();
  });
}

/** Registered on the root instance so every route, and the 404 handler, gets its line. */
export const requestLog = fp(requestLogPlugin, { name: "request-log", fastify: "5.x" });
