// The baseline of the chunked-upload bench: the same file in the same chunks, straight to the
// emulator with the Files API's own large-upload protocol (as the Databricks SDKs send it), so the
// ratio shows what the proxy and the app add, not what the protocol costs.
import type { UploadMode } from "../local-workspace/emulator/upload-sessions.js";
import type { BenchWorkspace } from "./workspace.js";

interface Presigned {
  url: string;
  headers?: Array<{ name: string; value: string }>;
}

const headersOf = (p: Presigned) => Object.fromEntries((p.headers ?? []).map((h) => [h.name, h.value]));

async function ok<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** Uploads `size` bytes to `rel` in the uploads volume in chunks of `data.length`; bytes per second. */
export async function directChunkedUpload(
  ws: BenchWorkspace,
  mode: Exclude<UploadMode, "none">,
  rel: string,
  size: number,
  data: Uint8Array<ArrayBuffer>,
  parallel: number,
): Promise<number> {
  const api = ws.emulator("alice");
  const path = `${ws.volumePath("uploads")}/${rel}`;
  const files = `${api.base}/api/2.0/fs/files${path}`;
  const json = { ...api.headers, "content-type": "application/json" };
  const started = performance.now();
  ws.workspace.emulator.uploads.set(mode);
  const initiated = await ok<{
    multipart_upload?: { session_token: string };
    resumable_upload?: { session_token: string };
  }>(
    await fetch(`${files}?action=initiate-upload&overwrite=true`, { method: "POST", headers: api.headers }),
    "initiate-upload",
  );
  const chunk = data.length;
  const count = Math.ceil(size / chunk);
  const body = (i: number) => data.subarray(0, Math.min(chunk, size - i * chunk));
  if (initiated.resumable_upload) {
    const { resumable_upload_url: url } = await ok<{ resumable_upload_url: Presigned }>(
      await fetch(`${api.base}/api/2.0/fs/create-resumable-upload-url`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ path, session_token: initiated.resumable_upload.session_token }),
      }),
      "create-resumable-upload-url",
    );
    for (let i = 0; i < count; i++) {
      const start = i * chunk;
      const end = start + body(i).length - 1;
      const res = await fetch(url.url, {
        method: "PUT",
        headers: {
          ...headersOf(url),
          "content-range": `bytes ${start}-${end}/${i === count - 1 ? size : "*"}`,
        },
        body: body(i),
      });
      if (res.status !== 308 && !res.ok) throw new Error(`resumable chunk ${i}: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
    return size / ((performance.now() - started) / 1000);
  }
  const session = initiated.multipart_upload?.session_token as string;
  const etags: string[] = [];
  const queue = Array.from({ length: count }, (_, i) => i);
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const { upload_part_urls: urls } = await ok<{ upload_part_urls: Presigned[] }>(
          await fetch(`${api.base}/api/2.0/fs/create-upload-part-urls`, {
            method: "POST",
            headers: json,
            body: JSON.stringify({
              path,
              session_token: session,
              start_part_number: i + 1,
              count: 1,
              expire_time: new Date(Date.now() + 900_000).toISOString().replace(/\.\d+Z$/, "Z"),
            }),
          }),
          "create-upload-part-urls",
        );
        const part = urls[0] as Presigned;
        const res = await fetch(part.url, { method: "PUT", headers: headersOf(part), body: body(i) });
        if (!res.ok) throw new Error(`part ${i + 1}: HTTP ${res.status}`);
        await res.arrayBuffer();
        etags[i] = res.headers.get("etag") ?? "";
      }
    }),
  );
  await ok(
    await fetch(
      `${files}?action=complete-upload&upload_type=multipart&session_token=${encodeURIComponent(session)}`,
      {
        method: "POST",
        headers: json,
        body: JSON.stringify({ parts: etags.map((etag, i) => ({ part_number: i + 1, etag })) }),
      },
    ),
    "complete-upload",
  );
  return size / ((performance.now() - started) / 1000);
}
