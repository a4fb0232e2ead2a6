// The proxy's own answers (errors, redirects, the login page): small, uncacheable, and they
// close the connection when part of the request body may still be in flight.
import type { ServerResponse } from "node:http";

export interface ProxyError {
  error: string;
  message: string;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: ProxyError | Record<string, unknown>,
  opts: { close?: boolean; challenge?: string } = {},
) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    // Unread request bytes would otherwise be parsed as the next request on this connection.
    ...(opts.close ? { connection: "close" } : {}),
    ...(opts.challenge ? { "www-authenticate": opts.challenge } : {}),
  });
  res.end(payload);
}

export function redirect(res: ServerResponse, status: 302 | 303, location: string, setCookie?: string) {
  res.writeHead(status, {
    location,
    "cache-control": "no-store",
    "content-length": 0,
    ...(setCookie ? { "set-cookie": setCookie } : {}),
  });
  res.end();
}

const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function sendHtml(res: ServerResponse, status: number, html: string, setCookie?: string) {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    "content-security-policy": PAGE_CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    ...(setCookie ? { "set-cookie": setCookie } : {}),
  });
  res.end(html);
}
