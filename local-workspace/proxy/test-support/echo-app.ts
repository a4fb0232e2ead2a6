// A stand-in app for proxy tests: a real node:http server that reports what reached it and
// can answer slowly, stream, hang or reset on demand.
import { createHash, randomBytes } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

const CHUNK = 64 * 1024;
/** The upload limit of /limited. */
const LIMIT = 1024;
const BASE = randomBytes(1024 * 1024 + CHUNK);

/** Deterministic, non-repeating-looking bytes of any length, generated on the fly. */
export function* pattern(total: number): Generator<Buffer> {
  let sent = 0;
  for (let i = 0; sent < total; i++) {
    const offset = (i * 4099) % (BASE.length - CHUNK);
    const chunk = BASE.subarray(offset, offset + Math.min(CHUNK, total - sent));
    sent += chunk.length;
    yield chunk;
  }
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** How the app's side of the exchange ended: response sent in full, or cut. */
  outcome: Promise<"completed" | "aborted">;
}

export interface EchoApp {
  url: string;
  seen: SeenRequest[];
  /** Bytes of the current /download the app has handed to its socket. */
  downloadWritten: number;
  downloadSha: string | undefined;
  /** Bytes of the current /upload the app has read. */
  uploadReceived: number;
  releaseUploads(): void;
  close(): Promise<void>;
}

export async function startEchoApp(): Promise<EchoApp> {
  let release: () => void = () => {};
  let released = Promise.resolve();
  const app: EchoApp = {
    url: "",
    seen: [],
    downloadWritten: 0,
    downloadSha: undefined,
    uploadReceived: 0,
    releaseUploads: () => release(),
    close: async () => {},
  };

  const server = http.createServer();
  server.on("request", async (req, res) => {
    const url = new URL(req.url ?? "/", "http://app.invalid");
    const outcome = new Promise<"completed" | "aborted">((resolve) =>
      res.on("close", () => resolve(res.writableFinished ? "completed" : "aborted")),
    );
    app.seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, outcome });
    req.on("error", () => {});
    const echo = () => {
      const body = JSON.stringify({ method: req.method, url: req.url, headers: req.headers });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    };

    switch (url.pathname) {
      case "/slow": {
        const timer = setTimeout(echo, Number(url.searchParams.get("ms") ?? 1000));
        res.on("close", () => clearTimeout(timer));
        req.resume();
        return;
      }
      case "/drip":
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.write(Buffer.alloc(1024, 1));
        req.resume();
        return;
      case "/reset":
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.write(Buffer.alloc(1024, 2), () => setTimeout(() => req.socket.destroy(), 50));
        return;
      case "/cookies":
        res.writeHead(200, [
          "Set-Cookie",
          "a=1; Path=/",
          "Set-Cookie",
          "b=2; Path=/; HttpOnly",
          "X-Custom",
          "yes",
          "Content-Length",
          "2",
        ]);
        res.end("ok");
        return;
      case "/limited": {
        // An upload route with a 1 KiB limit that reads the body it accepted.
        if (Number(req.headers["content-length"]) > LIMIT) {
          res.writeHead(413, { "content-type": "application/json", connection: "close" });
          res.end('{"error":"too large"}');
          return;
        }
        let bytes = 0;
        for await (const chunk of req as AsyncIterable<Buffer>) bytes += chunk.length;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ bytes }));
        return;
      }
      case "/download": {
        app.downloadWritten = 0;
        app.downloadSha = undefined;
        const hash = createHash("sha256");
        res.writeHead(200, { "content-type": "application/octet-stream" });
        for (const chunk of pattern(Number(url.searchParams.get("bytes")))) {
          if (res.destroyed) return;
          hash.update(chunk);
          app.downloadWritten += chunk.length;
          if (!res.write(chunk)) {
            await new Promise<void>((resolve) => {
              const go = () => {
                res.off("drain", go).off("close", go);
                resolve();
              };
              res.on("drain", go).on("close", go);
            });
          }
        }
        app.downloadSha = hash.digest("hex");
        res.end();
        return;
      }
      case "/upload": {
        app.uploadReceived = 0;
        if (url.searchParams.has("hold")) {
          released = new Promise((resolve) => {
            release = resolve;
          });
          await released;
        }
        const hash = createHash("sha256");
        try {
          for await (const chunk of req as AsyncIterable<Buffer>) {
            hash.update(chunk);
            app.uploadReceived += chunk.length;
          }
        } catch {
          return; // the proxy cut the upload; `outcome` records it
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ bytes: app.uploadReceived, sha256: hash.digest("hex") }));
        return;
      }
      default:
        req.resume();
        req.on("end", echo);
    }
  });
  // Like an app that checks an upload's size before asking for its body: an over-limit one is
  // refused without `100 Continue`, so the client never sends it.
  server.on("checkContinue", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const refuse = req.url?.startsWith("/limited") && Number(req.headers["content-length"]) > LIMIT;
    if (!refuse) res.writeContinue();
    server.emit("request", req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  app.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.close = async () => {
    release();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return app;
}
