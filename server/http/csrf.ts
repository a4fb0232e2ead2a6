// CSRF guard for requests that change things, attached to every state-changing route (see
// csrfGuard: bound to the route, never to the URL's spelling). Every Databricks App shares one
// registrable domain, so another app is *same-site* and SameSite cookies do not help: the
// proxy's session cookie rides along on a form post from a sibling app. Two independent checks
// instead:
//
// (a) where the browser tells us where the request came from, it must be us:
//     `Sec-Fetch-Site` must be `same-origin`; without it (older browsers), `Origin` must name our
//     host; `Origin: null` (sandboxed frames, some redirects, file:) is always refused. A request
//     with neither header is not from a current browser (curl, scripts) and passes (a).
// (b) always: a non-empty `X-Requested-With`. A cross-origin page cannot add a custom header
//     without a CORS preflight, which we never approve (no CORS headers at all), and an HTML form
//     cannot add headers. The SPA sends `X-Requested-With: volumes-browser`.
//
// (b) alone would stop forms and no-cors fetches; (a) also stops whatever a browser bug or an
// over-permissive proxy might let through, and documents intent in logs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { CSRF_HEADER } from "../../shared/http-headers.js";
import { csrfRejected } from "../errors/catalogue.js";
import { sendError } from "../errors/error-handler.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The host the browser addressed: the Apps proxy passes it as x-forwarded-host. */
function expectedHost(request: FastifyRequest): string | undefined {
  const forwarded = single(request.headers["x-forwarded-host"])?.split(",")[0]?.trim();
  const host = forwarded || single(request.headers.host);
  return host?.toLowerCase();
}

function hostOfOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** Why the request is refused, or undefined when it may proceed. */
function csrfRejection(request: FastifyRequest): string | undefined {
  const origin = single(request.headers.origin);
  if (origin !== undefined && origin.trim().toLowerCase() === "null") {
    return "requests from an opaque origin (Origin: null) cannot change files";
  }
  const fetchSite = single(request.headers["sec-fetch-site"]);
  if (fetchSite !== undefined) {
    if (fetchSite.trim().toLowerCase() !== "same-origin") {
      return `cross-origin request refused (Sec-Fetch-Site: ${fetchSite.slice(0, 40)})`;
    }
  } else if (origin !== undefined) {
    const originHost = hostOfOrigin(origin);
    const host = expectedHost(request);
    if (originHost === undefined || host === undefined || originHost !== host) {
      return "cross-origin request refused (Origin does not match the host)";
    }
  }
  const marker = single(request.headers[CSRF_HEADER.name]);
  if (marker === undefined || marker.trim() === "") {
    return "the X-Requested-With header is required for requests that change files";
  }
  return undefined;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether a route accepts any method that can change something. */
export function isStateChanging(method: string | string[]): boolean {
  return asArray(method).some((m) => !SAFE_METHODS.has(m.toUpperCase()));
}

async function refuseCrossSite(request: FastifyRequest, reply: FastifyReply) {
  // A route may accept GET and POST alike (`app.route({ method: [...] })`): check per request.
  if (SAFE_METHODS.has(request.method)) return;
  const reason = csrfRejection(request);
  if (reason === undefined) return;
  // The usual error body; the request's one log line says why.
  return sendError(csrfRejected(reason), request, reply);
}

/**
 * Registered before any route: every state-changing route registered after it (in any plugin,
 * under any prefix) gets the check as its first onRequest hook. The decision is bound to the
 * route that matched, never to how the URL was spelled: the router decodes `/%61pi/...` to
 * `/api/...`, so a check on the raw URL can be dodged while a check on the route cannot.
 */
export const csrfGuard = fp(
  async (app: FastifyInstance) => {
    app.addHook("onRoute", (route) => {
      if (!isStateChanging(route.method)) return;
      route.onRequest = [refuseCrossSite, ...asArray(route.onRequest)];
    });

    // No CORS, ever: whatever a route or plugin might add, cross-origin reads stay impossible.
    app.addHook("onSend", (_request, reply, payload, done) => {
      for (const name of Object.keys(reply.getHeaders())) {
        if (name.toLowerCase().startsWith("access-control-")) reply.removeHeader(name);
      }
      done(null, payload);
    });
  },
  { name: "csrf-guard", fastify: "5.x" },
);
