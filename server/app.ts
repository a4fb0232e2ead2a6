// Builds the Fastify app; never listens (main.ts does). The order of registrations reads as the
// architecture: cross-cutting HTTP concerns, then identity, then the routes, then the SPA.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { AppConfig } from "./config/types.js";
import { securityHeaders } from "./http/security-headers.js";
import { spa } from "./http/spa.js";
import { healthRoutes } from "./routes/health.js";
import { meRoutes } from "./routes/me.js";
import { volumesRoutes } from "./routes/volumes.js";

export interface AppOptions {
  config: AppConfig;
  /** The built SPA (dist/client); the app serves the API only when it is missing. */
  clientDir: string;
  /** The app's service principal id, for requests without user headers. */
  servicePrincipalId: () => string;
  logger?: FastifyServerOptions["logger"];
}

/** Headers that carry credentials: never written to a log line. */
export const REDACTED_PATHS = [
  'req.headers["x-forwarded-access-token"]',
  "req.headers.authorization",
  "req.headers.cookie",
];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    requestIdHeader: "x-request-id",
    trustProxy: true,
    // Paths travel in query strings, not params (Fastify caps params at 100 chars with a 414).
    routerOptions: { maxParamLength: 500 },
  });
  await app.register(securityHeaders);
  await app.register(healthRoutes);
  await app.register(meRoutes, { servicePrincipalId: options.servicePrincipalId });
  await app.register(volumesRoutes, {
    volumes: options.config.volumes,
    servicePrincipalId: options.servicePrincipalId,
  });
  await app.register(spa, { clientDir: options.clientDir });
  return app;
}
