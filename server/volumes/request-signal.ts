// One AbortSignal per request that fires when the client goes away before the response is
// complete, so upstream downloads, uploads and walks stop with it. The app also keeps the live
// ones so a shutdown that runs out of patience can abort them cleanly (an aborted upstream PUT
// writes nothing) instead of exiting mid-write.
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../errors/app-error.js";

const byRequest = new WeakMap<FastifyRequest, AbortController>();
const byApp = new WeakMap<FastifyInstance, Set<AbortController>>();

export const clientGone = () => new AppError(499, "REQUEST_ABORTED", "The client closed the request.");

/** The request's signal; aborted when the client disconnects (or the server gives up on it). */
export function requestSignal(request: FastifyRequest): AbortSignal {
  let controller = byRequest.get(request);
  if (!controller) {
    // Without the plugin (a route outside this app's setup): watch the socket instead.
    const own = new AbortController();
    request.raw.socket.once("close", () => own.abort(clientGone()));
    byRequest.set(request, own);
    controller = own;
  }
  return controller.signal;
}

/** Aborts every request still in flight; returns how many there were. */
export function abortInFlight(app: FastifyInstance, reason: Error): number {
  const live = byApp.get(app);
  if (!live) return 0;
  const count = live.size;
  for (const controller of live) controller.abort(reason);
  live.clear();
  return count;
}

export const requestSignals = fp(
  async (app: FastifyInstance) => {
    const live = new Set<AbortController>();
    byApp.set(app, live);
    app.addHook("onRequest", async (request, reply) => {
      const controller = new AbortController();
      byRequest.set(request, controller);
      live.add(controller);
      reply.raw.once("close", () => {
        live.delete(controller);
        // A response that finished was not cut short; anything else means the client left.
        if (!reply.raw.writableFinished) controller.abort(clientGone());
      });
    });
  },
  { name: "request-signals", fastify: "5.x" },
);
