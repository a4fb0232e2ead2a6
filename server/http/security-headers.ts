// Security headers on every response. Routes that serve user content inline (raw) tighten
// them further; the SPA shell gets a CSP that allows only its own scripts.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style attributes; inline styles cannot run script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

export const securityHeaders = fp(
  async (app: FastifyInstance) => {
    // Callback style, like the app's other per-request hooks: nothing here waits, so no promise.
    app.addHook("onSend", (_request, reply, payload, done) => {
      reply.header("x-content-type-options", "nosniff");
      reply.header("referrer-policy", "same-origin");
      reply.header("cross-origin-opener-policy", "same-origin");
      if (!reply.hasHeader("content-security-policy")) reply.header("content-security-policy", APP_CSP);
      if (!reply.hasHeader("x-frame-options")) reply.header("x-frame-options", "SAMEORIGIN");
      done(null, payload);
    });
  },
  { name: "security-headers" },
);
