// Client side of the transfer benchmarks: upload bodies generated on the fly (a 1 GiB upload
// never sits in memory), downloads counted and dropped, both streamed with undici.
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";

const CHUNK = 1024 * 1024;
// Random bytes so nothing along the way could profit from repetitive content; generated once.
const PATTERN = randomBytes(CHUNK);

export const benchAgent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

/** `size` bytes of the shared random pattern, pushed as the consumer asks for them. */
export function generatedBody(size: number): Readable {
  let sent = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(CHUNK, size - sent);
      sent += n;
      this.push(n === CHUNK ? PATTERN : PATTERN.subarray(0, n));
    },
  });
}

/** Writes `size` bytes of the pattern to `file` (creating its folder), as a volume's file on disk. */
export async function generatedFile(file: string, size: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await pipeline(generatedBody(size), createWriteStream(file));
}

export interface TransferResult {
  status: number;
  bytes: number;
  ms: number;
  /** The response body when it was an error (for the report). */
  error?: string;
}

export async function timedUpload(
  url: string,
  method: "PUT" | "POST",
  headers: Record<string, string>,
  size: number,
): Promise<TransferResult> {
  const started = performance.now();
  const res = await request(url, {
    method,
    headers: { ...headers, "content-type": "application/octet-stream", "content-length": String(size) },
    body: generatedBody(size),
    dispatcher: benchAgent,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const text = await res.body.text();
  const ms = performance.now() - started;
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  return { status: res.statusCode, bytes: size, ms, ...(ok ? {} : { error: text.slice(0, 300) }) };
}

export async function timedDownload(url: string, headers: Record<string, string>): Promise<TransferResult> {
  const started = performance.now();
  const res = await request(url, { headers, dispatcher: benchAgent, headersTimeout: 0, bodyTimeout: 0 });
  let bytes = 0;
  if (res.statusCode >= 300) {
    const text = await res.body.text();
    return { status: res.statusCode, bytes: 0, ms: performance.now() - started, error: text.slice(0, 300) };
  }
  for await (const chunk of res.body) bytes += (chunk as Buffer).length;
  return { status: res.statusCode, bytes, ms: performance.now() - started };
}

export const throughput = (r: TransferResult) => r.bytes / (r.ms / 1000);

/**
 * `width` transfers started together (numbered 0 to width - 1); throws naming the first that
 * failed, or that moved other than `bytes` when given.
 */
export async function atOnce(
  width: number,
  one: (i: number) => Promise<TransferResult>,
  bytes?: number,
): Promise<TransferResult[]> {
  const results = await Promise.all(Array.from({ length: width }, (_, i) => one(i)));
  const failed = results.find((r) => r.status >= 300 || (bytes !== undefined && r.bytes !== bytes));
  if (failed)
    throw new Error(`a transfer failed: HTTP ${failed.status}, ${failed.bytes} bytes ${failed.error ?? ""}`);
  return results;
}

export interface Transfers {
  upload(
    url: string,
    method: "PUT" | "POST",
    headers: Record<string, string>,
    size: number,
  ): Promise<TransferResult>;
  download(url: string, headers: Record<string, string>): Promise<TransferResult>;
  close(): void;
}

/** Transfers run by a child process (transfer-process.ts); several may be in flight at once. */
export function startRemoteTransfers(): Transfers {
  const child: ChildProcess = fork(fileURLToPath(new URL("./transfer-process.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(r: TransferResult): void; reject(e: Error): void }>();
  child.on("message", (reply: { id: number; result?: TransferResult; error?: string }) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.result) waiter?.resolve(reply.result);
    else waiter?.reject(new Error(reply.error ?? "transfer failed"));
  });
  child.on("exit", (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the transfer process exited (${code})`));
    pending.clear();
  });
  const send = (message: Record<string, unknown>) =>
    new Promise<TransferResult>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...message, id });
    });
  return {
    upload: (url, method, headers, size) => send({ kind: "upload", url, method, headers, size }),
    download: (url, headers) => send({ kind: "download", url, headers }),
    close: () => {
      if (child.connected) child.disconnect();
    },
  };
}
