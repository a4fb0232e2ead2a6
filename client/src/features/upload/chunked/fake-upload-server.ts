// A fake of the app's chunked upload routes (docs/uploads.md) behind the Transport seam, for
// unit tests of the client's protocol code only: it keeps bytes in memory, checks what the real
// server checks (token, offsets, sizes, receipts) and lets a test inject failures.

import type { ChunkedUploadMode } from "@shared/api/uploads";
import type { HttpRequest, HttpResponse, Transport } from "@/api/files/http-transport";
import { UploadAbortedError } from "@/api/files/http-transport";

export interface FakeOptions {
  mode: ChunkedUploadMode;
  minChunkSize?: number;
  maxChunkSize?: number;
  chunkMultiple?: number;
  parallel?: number;
}

/** What a test may do to one chunk request before the fake handles it. */
export type Fault =
  | { kind: "reset"; afterBytes?: number }
  | { kind: "status"; status: number; code: string; headers?: Record<string, string> };

interface Upload {
  size: number;
  path: string;
  committed: number;
  parts: Map<number, Uint8Array>;
  generation: number;
  aborted: boolean;
}

export class FakeUploadServer {
  readonly uploads = new Map<string, Upload>();
  /** Every chunk request: offset, part, bytes the client sent. */
  readonly chunks: Array<{ offset: number; part?: number; size: number }> = [];
  /** Bytes that reached the fake across all chunk requests (counting re-sent ones). */
  bytesReceived = 0;
  /** Faults by chunk request number (1 = the first chunk request). */
  readonly faults = new Map<number, Fault>();
  /** Tokens the client presented, in order (to check it always uses the newest). */
  readonly tokensSeen: string[] = [];
  readonly requests: string[] = [];
  readonly urls: string[] = [];
  committedFile: Uint8Array | undefined;
  private nextId = 1;

  constructor(private readonly options: FakeOptions) {}

  readonly transport: Transport = async (request) => {
    if (request.signal?.aborted) throw new UploadAbortedError();
    const url = new URL(request.url, "http://app.test");
    this.requests.push(`${request.method} ${url.pathname}`);
    this.urls.push(request.url);
    const route = url.pathname.replace(/^\/api\/files\/[^/]+\/uploads/, "");
    const token = request.headers?.["x-upload-token"];
    if (token) this.tokensSeen.push(token);
    if (request.method === "POST" && route === "") return this.start(request);
    const id = token?.split(".")[0] ?? "";
    const upload = this.uploads.get(id);
    if (!upload || upload.aborted) return json(410, { code: "UPLOAD_EXPIRED", message: "expired" });
    if (request.method === "PUT" && route === "/chunk") return this.chunk(request, url, id, upload);
    if (request.method === "GET" && route === "/status")
      return json(200, {
        mode: this.options.mode,
        path: upload.path,
        size: upload.size,
        committed: this.options.mode === "multipart" ? null : upload.committed,
      });
    if (request.method === "POST" && route === "/complete") return this.complete(request, upload);
    if (request.method === "DELETE" && route === "") {
      upload.aborted = true;
      return { status: 204, statusText: "No Content", header: () => null, text: "" };
    }
    return json(404, { code: "NOT_FOUND", message: "no route" });
  };

  private token(id: string, upload: Upload): string {
    upload.generation++;
    return `${id}.${upload.generation}`;
  }

  private start(request: HttpRequest): HttpResponse {
    const body = JSON.parse(request.body as string) as { path: string; size: number };
    const id = `u${this.nextId++}`;
    const upload: Upload = {
      size: body.size,
      path: body.path,
      committed: 0,
      parts: new Map(),
      generation: 0,
      aborted: false,
    };
    this.uploads.set(id, upload);
    const o = this.options;
    return json(201, {
      token: this.token(id, upload),
      mode: o.mode,
      path: body.path,
      size: body.size,
      chunkSize: o.minChunkSize ?? 4,
      minChunkSize: o.minChunkSize ?? 4,
      maxChunkSize: o.maxChunkSize ?? 64,
      chunkMultiple: o.chunkMultiple ?? 1,
      parallel: o.parallel ?? (o.mode === "multipart" ? 3 : 1),
      idleSeconds: 3600,
    });
  }

  private async chunk(request: HttpRequest, url: URL, id: string, upload: Upload): Promise<HttpResponse> {
    const offset = Number(url.searchParams.get("offset"));
    const part = url.searchParams.has("part") ? Number(url.searchParams.get("part")) : undefined;
    const bytes = new Uint8Array(await (request.body as Blob).arrayBuffer());
    if (Number(request.headers?.["content-length"]) !== bytes.length)
      return json(400, { code: "BAD", message: "length" });
    this.chunks.push({ offset, part, size: bytes.length });
    const fault = this.faults.get(this.chunks.length);
    if (fault?.kind === "status")
      return json(fault.status, { code: fault.code, message: fault.code }, fault.headers);
    if (fault?.kind === "reset") {
      // The connection drops part way: in order, whatever arrived before counts (in whole units).
      const arrived = fault.afterBytes ?? 0;
      this.bytesReceived += arrived;
      if (this.options.mode !== "multipart" && offset === upload.committed) {
        const multiple = this.options.chunkMultiple ?? 1;
        upload.committed += Math.floor(arrived / multiple) * multiple;
        upload.parts.set(offset, bytes.slice(0, Math.floor(arrived / multiple) * multiple));
      }
      throw new TypeError("connection reset");
    }
    this.bytesReceived += bytes.length;
    if (offset + bytes.length > upload.size)
      return json(413, { code: "PAYLOAD_TOO_LARGE", message: "too large" });
    const last = offset + bytes.length === upload.size;
    const o = this.options;
    if ((!last && bytes.length < (o.minChunkSize ?? 4)) || bytes.length > (o.maxChunkSize ?? 64))
      return json(400, { code: "INVALID_CHUNK", message: `bad size ${bytes.length}` });
    if (!last && bytes.length % (o.chunkMultiple ?? 1) !== 0)
      return json(400, { code: "INVALID_CHUNK", message: "multiple" });
    if (this.options.mode === "multipart") {
      if (part === undefined) return json(400, { code: "INVALID_CHUNK", message: "part" });
      upload.parts.set(part, bytes);
      return json(200, {
        offset,
        size: bytes.length,
        committed: null,
        token: this.token(id, upload),
        part,
        receipt: `r:${id}:${part}:${offset}:${bytes.length}`,
      });
    }
    if (offset !== upload.committed)
      return json(
        409,
        { code: "UPLOAD_OFFSET_MISMATCH", message: `committed ${upload.committed}` },
        { "upload-committed": String(upload.committed) },
      );
    upload.parts.set(offset, bytes);
    upload.committed += bytes.length;
    return json(200, {
      offset,
      size: bytes.length,
      committed: upload.committed,
      token: this.token(id, upload),
    });
  }

  private complete(request: HttpRequest, upload: Upload): HttpResponse {
    const body = JSON.parse(request.body as string) as { parts?: string[] };
    const pieces: Uint8Array[] = [];
    if (this.options.mode === "multipart") {
      let end = 0;
      for (const receipt of body.parts ?? []) {
        const [, , part, offset, size] = receipt.split(":").map(Number) as number[];
        if (offset !== end) return json(400, { code: "UPLOAD_RECEIPT_INVALID", message: "gap" });
        pieces.push(upload.parts.get(part as number) as Uint8Array);
        end += size as number;
      }
      if (end !== upload.size) return json(400, { code: "UPLOAD_INCOMPLETE", message: "short" });
    } else {
      if (upload.committed !== upload.size) return json(400, { code: "UPLOAD_INCOMPLETE", message: "short" });
      for (const key of [...upload.parts.keys()].sort((a, b) => a - b))
        pieces.push(upload.parts.get(key) as Uint8Array);
    }
    const file = new Uint8Array(upload.size);
    let at = 0;
    for (const piece of pieces) {
      file.set(piece, at);
      at += piece.length;
    }
    this.committedFile = file;
    return json(200, { success: true, path: upload.path, size: upload.size });
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    statusText: "",
    header: (name) => lower[name.toLowerCase()] ?? null,
    text: JSON.stringify(body),
  };
}
