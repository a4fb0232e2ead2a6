// A control for the list and concurrent-transfer benchmarks: the least any extra Node.js hop can
// cost on this machine. Each request is forwarded to the upstream origin as it came (method,
// path, body streamed) with one bearer token, on a keep-alive undici agent like the app's, and
// the answer is streamed back: no routing, checks, parsing or logging. Whatever share of the
// emulator's direct rate this relay reaches is the ceiling for the app on the same machine.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import { type ChildServer, forkServer } from "./child-server.js";

/** The relay in a process of its own, as the app runs in its own. */
export function startRelayProcess(origin: string, token: string): Promise<ChildServer> {
  return forkServer(fileURLToPath(import.meta.url), [origin, token], "bare relay");
}

const PASSED = ["content-type", "content-length"] as const;

function serve(origin: string, token: string): http.Server {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  return http.createServer(async (req, res) => {
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
}

if (process.argv[2] === "--serve") {
  const [origin, token] = process.argv.slice(3) as [string, string];
  const server = serve(origin, token);
  server.listen(0, "127.0.0.1", () => {
    process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGTERM", stop);
  process.on("disconnect", stop);
}
