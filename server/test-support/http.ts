// Raw HTTP for the tests fetch cannot express: bodies that trickle, stop half-way or lie about
// their length, and responses that arrive while the request body is still being sent.
import http, { type ClientRequest, type IncomingHttpHeaders } from "node:http";

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Writes the body; the request is ended afterwards unless it was destroyed. */
  write?: (req: ClientRequest) => Promise<void>;
  body?: Buffer | string;
  timeoutMs?: number;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `data`, waiting for drain when the socket pushes back; false once the request is gone. */
export async function writeChunk(req: ClientRequest, data: Buffer | string): Promise<boolean> {
  if (req.destroyed) return false;
  if (req.write(data)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      req.off("drain", done);
      req.off("close", done);
      resolve();
    };
    req.on("drain", done);
    req.on("close", done);
  });
  return !req.destroyed;
}

/**
 * Sends one request and resolves with the response, even if the server answered early and then
 * closed the connection while we were still writing (as it does after a 413).
 */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: options.method ?? "GET",
      headers: options.headers,
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no response within ${options.timeoutMs ?? 15_000} ms`));
    }, options.timeoutMs ?? 15_000);
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", () => {});
      res.on("close", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.on("error", (err) => {
      if (answered) return;
      clearTimeout(timer);
      reject(err);
    });
    void (async () => {
      try {
        if (options.write) await options.write(req);
        else if (options.body !== undefined) req.write(options.body);
        if (!req.destroyed) req.end();
      } catch (err) {
        req.destroy(err as Error);
      }
    })();
  });
}
