// Serves the built SPA. Every GET that is not an API route falls back to index.html so deep
// links (/browse/shared/reports) survive a reload.
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { notFound } from "../errors/catalogue.js";
import { sendError } from "../errors/error-handler.js";

export interface SpaOptions {
  /** The Vite build output (dist/client). */
  clientDir: string;
}

/**
 * The path as the router sees it (decoded, one leading slash, case-insensitive), so every
 * spelling of an API path (`/%61pi/x`, `//api/x`) gets the API's JSON 404, not the SPA page.
 */
export function routedPath(url: string): string {
  const raw = url.split("?")[0] ?? "";
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Malformed escapes: judge the raw spelling.
  }
  return decoded.replace(/^\/+/, "/").toLowerCase();
}

export async function spa(app: FastifyInstance, options: SpaOptions): Promise<void> {
  const indexFile = path.join(options.clientDir, "index.html");
  if (!existsSync(indexFile)) {
    app.log.warn(
      { clientDir: options.clientDir },
      "the SPA is not built (run npm run build); serving the API only",
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: options.clientDir,
    wildcard: false,
    index: false,
    // Hashed assets can be cached forever; index.html must always be fresh.
    setHeaders(res, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        res.header("cache-control", "public, max-age=31536000, immutable");
      }
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const pathname = routedPath(request.url);
    const notAPage = pathname === "/api" || pathname.startsWith("/api/") || pathname.startsWith("/assets/");
    if (request.method !== "GET" || notAPage) {
      return sendError(notFound(`No route ${request.method} ${pathname}`), request, reply);
    }
    reply.header("cache-control", "no-cache");
    return reply.sendFile("index.html");
  });
}
