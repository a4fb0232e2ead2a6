// A raw HTTP client for the emulator's tests: sends the path exactly as given (no normalisation),
// and returns the whole response.
import http from "node:http";
import type { Readable } from "node:stream";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json(): unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
}

export function send(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (typeof request.body === "string" || Buffer.isBuffer(request.body)) {
    headers["content-length"] ??= String(Buffer.byteLength(request.body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method ?? "GET",
        path: request.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          const text = body.toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text,
            json: () => JSON.parse(text),
          });
        });
      },
    );
    req.on("error", reject);
    const body = request.body;
    if (body === undefined) req.end();
    else if (typeof body === "string" || Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

/** Percent-encodes each segment of a `/Volumes/…` path, as a correct client must. */
export function encodePath(volumePath: string): string {
  return volumePath
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
}

export const filesUrl = (volumePath: string) => `/api/2.0/fs/files${encodePath(volumePath)}`;
export const dirsUrl = (volumePath: string) => `/api/2.0/fs/directories${encodePath(volumePath)}`;

/** The `reason` of a Databricks error body's first ErrorInfo detail. */
export function reasonOf(res: RawResponse): unknown {
  const body = res.json() as { details?: Array<{ reason?: unknown }> };
  return body.details?.[0]?.reason;
}
