// A control for the list and concurrent-transfer benchmarks: the least any extra Node.js hop can
// cost on this machine. Each request is forwarded to the upstream origin as it came (method,
// path, body streamed) with one bearer token, on a keep-alive undici agent like the app's, and
// the answer is streamed back: no routing, checks, parsing or logging. Whatever share of the
// emulator's direct rate this relay reaches is the ceiling for the app on the same machine.
//
//   node --import tsx bench/bare-relay.ts <upstream origin> <bearer token>   (prints its port)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { Agent, request } from "undici";

const [origin, token] = process.argv.slice(2);
if (!origin || !token) throw new Error("usage: bare-relay <upstream origin> <bearer token>");
const agent = new Agent({ keepAliveTimeout: 10_000 });
const PASSED = ["content-type", "content-length"] as const;

const server = http.createServer(async (req, res) => {
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    for (const name of PASSED) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const hasBody = req.method === "PUT" || req.method === "POST";
    const upstream = await request(`${origin}${req.url}`, {
      method: req.method as "GET" | "PUT",
      headers,
      body: hasBody ? req : undefined,
      dispatcher: agent,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const out: Record<string, string> = {};
    for (const name of PASSED) {
      const value = upstream.headers[name];
      if (typeof value === "string") out[name] = value;
    }
    res.writeHead(upstream.statusCode, out);
    await pipeline(upstream.body, res);
  } catch {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  }
});
server.listen(0, "127.0.0.1", () => {
  console.log(String((server.address() as AddressInfo).port));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
