// Upload helpers for tests that abort or overrun a PUT body on purpose.
import http from "node:http";
import { Readable } from "node:stream";

export interface StartedUpload {
  req: http.ClientRequest;
  /** Resolves with the status and body once a response arrives; later socket errors are ignored. */
  response: Promise<{ status: number; body: string }>;
}

/** Starts a PUT and leaves the body to the caller (write, end or destroy `req`). */
export function startUpload(
  baseUrl: string,
  path: string,
  token: string,
  headers: Record<string, string> = {},
) {
  const url = new URL(baseUrl);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    method: "PUT",
    path,
    agent: false,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream", ...headers },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
  });
  // A caller that destroys the request on purpose doesn't await `response`.
  response.catch(() => {});
  return { req, response } satisfies StartedUpload;
}

/** `total` bytes in `chunk`-sized pieces of one reused buffer, produced only as fast as they are read. */
export function generatedBody(total: number, chunk = 64 * 1024, fill = 0x61): Readable {
  const piece = Buffer.alloc(chunk, fill);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk, total - sent);
      sent += n;
      this.push(n === chunk ? piece : piece.subarray(0, n));
    },
  });
}
