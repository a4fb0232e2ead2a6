// One AbortSignal per request, `request.abortSignal`, that fires when the client goes away before
// the response is complete, so upstream downloads, uploads and walks stop with it. The app also
// keeps the live ones, `app.abortInFlight(reason)`, so a shutdown that runs out of patience can
// abort them cleanly (an aborted upstream PUT writes nothing) instead of exiting mid-write.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { clientGone } from "../errors/catalogue.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Aborted when the client disconnects before the response is complete (or on shutdown). */
    abortSignal: AbortSignal;
  }
  interface FastifyInstance {
    /** Aborts every request still in flight; returns how many there were. */
    abortInFlight(reason: Error): number;
  }
}

export const requestSignals = fp(
  async (app: FastifyInstance) => {
    const live = new Set<AbortController>();
    app.decorateRequest("abortSignal", null as unknown as AbortSignal);
    app.decorate("abortInFlight", (reason: Error) => {
      const count = live.size;
      for (const controller of live) controller.abort(reason);
      live.clear();
      return count;
    });
    app.addHook("onRequest", (request, reply, done) => {
      const controller = new AbortController();
      request.abortSignal = controller.signal;
      live.add(controller);
      reply.raw.once("close", () => {
        live.delete(controller);
        // A response that finished was not cut short; anything else means the client left.
        if (!reply.raw.writableFinished) controller.abort(clientGone());
      });
      done();
    });
  },
  { name: "request-signals", fastify: "5.x" },
);
