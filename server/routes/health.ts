import type { FastifyInstance } from "fastify";

/** Liveness for Databricks Apps and the local launcher. Cheap: no upstream call. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get("/health", { logLevel: "warn" }, async () => ({ status: "ok" }));
}
