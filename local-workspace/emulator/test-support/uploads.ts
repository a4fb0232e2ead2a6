// Raw-HTTP helpers for the large-upload contract tests: the workspace API calls as databricks-sdk-py's
// FilesExt makes them, and requests to the presigned URLs they answer (no workspace token).
import type { Readable } from "node:stream";
import { filesUrl, type RawResponse, send } from "./http.js";

export interface HeaderPair {
  name: string;
  value: string;
}

export interface PartUrl {
  part_number: number;
  url: string;
  headers: HeaderPair[];
}

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

export function uploadClient(base: string, token: string) {
  const postJson = (path: string, body: unknown) =>
    send(base, {
      method: "POST",
      path,
      token,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  return {
    initiate(path: string, overwrite?: boolean): Promise<RawResponse> {
      const q = overwrite === undefined ? "" : `&overwrite=${overwrite}`;
      return send(base, { method: "POST", path: `${filesUrl(path)}?action=initiate-upload${q}`, token });
    },
    async sessionToken(path: string, overwrite?: boolean): Promise<string> {
      const res = await this.initiate(path, overwrite);
      if (res.status !== 200) throw new Error(`initiate ${res.status}: ${res.text}`);
      const body = res.json() as {
        multipart_upload?: { session_token: string };
        resumable_upload?: { session_token: string };
      };
      const token = body.multipart_upload?.session_token ?? body.resumable_upload?.session_token;
      if (!token) throw new Error(`no session token in ${res.text}`);
      return token;
    },
    partUrls(path: string, sessionToken: string, start: number, count: number, expireTime = inMinutes(15)) {
      return postJson("/api/2.0/fs/create-upload-part-urls", {
        path,
        session_token: sessionToken,
        start_part_number: start,
        count,
        expire_time: expireTime,
      });
    },
    async partUrl(path: string, sessionToken: string, n: number, expireTime?: string): Promise<PartUrl> {
      const res = await this.partUrls(path, sessionToken, n, 1, expireTime);
      if (res.status !== 200) throw new Error(`create-upload-part-urls ${res.status}: ${res.text}`);
      return (res.json() as { upload_part_urls: PartUrl[] }).upload_part_urls[0] as PartUrl;
    },
    complete(path: string, sessionToken: string, parts: Array<{ part_number: number; etag: string }>) {
      const q = new URLSearchParams({
        action: "complete-upload",
        upload_type: "multipart",
        session_token: sessionToken,
      });
      return send(base, {
        method: "POST",
        path: `${filesUrl(path)}?${q}`,
        token,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ parts }),
      });
    },
    abortUrl(path: string, sessionToken: string, expireTime = inMinutes(15)) {
      return postJson("/api/2.0/fs/create-abort-upload-url", {
        path,
        session_token: sessionToken,
        expire_time: expireTime,
      });
    },
    resumableUrl(path: string, sessionToken: string) {
      return postJson("/api/2.0/fs/create-resumable-upload-url", { path, session_token: sessionToken });
    },
    download(path: string) {
      return send(base, { path: filesUrl(path), token });
    },
  };
}

/** A request to a presigned URL: its own host, path and query, the listed headers, no token. */
export function sendToUrl(
  url: string,
  options: {
    method: string;
    headers?: HeaderPair[] | Record<string, string>;
    body?: string | Buffer | Readable;
  },
): Promise<RawResponse> {
  const u = new URL(url);
  const headers: Record<string, string> = Array.isArray(options.headers)
    ? Object.fromEntries(options.headers.map((h) => [h.name, h.value]))
    : { ...options.headers };
  return send(u.origin, {
    method: options.method,
    path: `${u.pathname}${u.search}`,
    headers,
    body: options.body,
  });
}

/** `size` bytes whose content depends on `seed` and the offset, so misplaced bytes show. */
export function pattern(size: number, seed = 1): Buffer {
  const buf = Buffer.alloc(Math.ceil(size / 4) * 4);
  for (let i = 0; i < buf.length; i += 4) buf.writeUInt32LE((Math.imul(i / 4, 2654435761) + seed) >>> 0, i);
  return buf.subarray(0, size);
}
