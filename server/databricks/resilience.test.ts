import { readdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generatedBody } from "../../local-workspace/emulator/test-support/streaming.js";
import { AppError } from "../errors/app-error.js";
import { createServicePrincipalConfig } from "./configs.js";
import { sdkCredentials } from "./credentials.js";
import type { FilesClient } from "./files-client.js";
import { startResettingProxy } from "./test-support/resetting-proxy.js";
import { ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let ws: TestWorkspace;
let client: FilesClient;

beforeAll(async () => {
  ws = await startTestWorkspace();
  client = ws.client();
});
afterAll(() => ws.close());
beforeEach(() => ws.emulator.faults.clear());

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const count = (pathPrefix: string, method?: string) => ws.emulator.stats.requestCount({ pathPrefix, method });
const put = (p: string, content: string | Buffer) =>
  client.upload(p, Readable.from([Buffer.from(content)]), { overwrite: true });

/** Staged uploads the emulator has not committed or discarded yet. */
const staged = async () => (await readdir(path.join(ws.dir, ".staging"))).filter((n) => n.endsWith(".part"));

describe("retries of idempotent reads", () => {
  it("retries 503s and a 429 (honouring Retry-After) and then succeeds", async () => {
    const dir = `${ROOT}/retry-ok`;
    await client.createDirectory(dir);
    ws.emulator.faults.add({ pathPrefix: dir, method: "GET", status: 503, count: 2 });
    ws.emulator.faults.add({ pathPrefix: dir, method: "GET", status: 429, count: 1 });
    const started = Date.now();
    const before = count(dir, "GET");
    const page = await ws.client({ retries: { max: 3, baseDelayMs: 10, maxTotalMs: 5_000 } }).listPage(dir);
    expect(page.entries).toEqual([]);
    expect(count(dir, "GET") - before).toBe(4);
    // The 429 carried Retry-After: 1.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("gives up after the retry count with a clear error", async () => {
    const dir = `${ROOT}/retry-fail`;
    ws.emulator.faults.add({ pathPrefix: dir, status: 503, count: 50 });
    const before = count(dir);
    const err = await rejection(client.getMetadata(`${dir}/a.txt`));
    expect(err).toMatchObject({ status: 502, code: "UPSTREAM_ERROR" });
    expect(err.message).toMatch(/gave up after 4 attempts/);
    expect(count(dir) - before).toBe(4);
  });

  it("stops retrying a 429 whose Retry-After exceeds the time budget", async () => {
    const dir = `${ROOT}/rate-limited`;
    ws.emulator.faults.add({ pathPrefix: dir, status: 429, count: 50 });
    const started = Date.now();
    const err = await rejection(
      ws.client({ retries: { max: 5, baseDelayMs: 10, maxTotalMs: 500 } }).listPage(dir),
    );
    expect(Date.now() - started).toBeLessThan(500);
    expect(err).toMatchObject({ status: 429, code: "REQUEST_LIMIT_EXCEEDED" });
    expect(err.message).toMatch(/rate limiting/);
    expect(err.headers["retry-after"]).toBe("1");
  });

  it("retries connection resets and then succeeds", async () => {
    const proxy = await startResettingProxy(ws.emulator.url, 2);
    try {
      const config = await createServicePrincipalConfig({
        env: { DATABRICKS_HOST: proxy.url, DATABRICKS_TOKEN: ws.principals.servicePrincipal.token },
      });
      const page = await ws.client({ credentials: sdkCredentials(config) }).listPage(ROOT);
      expect(Array.isArray(page.entries)).toBe(true);
      expect(proxy.resets()).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it("maps a refused connection to 502 after the retries", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const config = await createServicePrincipalConfig({
      env: { DATABRICKS_HOST: `http://127.0.0.1:${port}`, DATABRICKS_TOKEN: "dapi-x" },
    });
    let retries = 0;
    const err = await rejection(
      ws.client({ credentials: sdkCredentials(config), onRetry: () => retries++ }).listPage(ROOT),
    );
    expect(err).toMatchObject({ status: 502, code: "UPSTREAM_UNAVAILABLE" });
    expect(retries).toBe(3);
  });

  it("stops retrying when the caller aborts", async () => {
    const dir = `${ROOT}/abort-retry`;
    ws.emulator.faults.add({ pathPrefix: dir, status: 503, count: 50 });
    const controller = new AbortController();
    const slow = ws.client({ retries: { max: 10, baseDelayMs: 2_000, maxTotalMs: 30_000 } });
    const pending = slow.listPage(dir, { signal: controller.signal });
    await waitFor(() => count(dir) >= 1);
    const started = Date.now();
    controller.abort();
    const err = await rejection(pending);
    expect(err).toMatchObject({ code: "REQUEST_ABORTED" });
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe("downloads resumed after a broken body", () => {
  const fast = { retries: { max: 3, baseDelayMs: 10, maxTotalMs: 5_000 } };

  it("resumes from the received offset and returns the exact bytes", async () => {
    const p = `${ROOT}/resume.bin`;
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
    await put(p, bytes);
    ws.emulator.faults.add({ pathPrefix: p, method: "GET", resetAfterBytes: 70_000, count: 2 });
    const before = count(p, "GET");
    const download = await ws.client(fast).download(p);
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(count(p, "GET") - before).toBe(3);
  });

  it("fails the body, never ends it short, when the breaks outlast the retry budget", async () => {
    const p = `${ROOT}/resume-gives-up.bin`;
    await put(p, Buffer.alloc(300_000, 9));
    ws.emulator.faults.add({ pathPrefix: p, method: "GET", resetAfterBytes: 10_000, count: 10 });
    const before = count(p, "GET");
    const download = await ws.client(fast).download(p);
    await expect(text(download.body)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    // The first request and three resumes.
    expect(count(p, "GET") - before).toBe(4);
  });

  it("fails with FILE_CHANGED when the file was rewritten before the resume", async () => {
    const p = `${ROOT}/resume-changed.bin`;
    await put(p, Buffer.alloc(300_000, 1));
    // Rewritten in a later second than the first answer's Last-Modified.
    await new Promise((r) => setTimeout(r, 1_100));
    ws.emulator.faults.add({ pathPrefix: p, method: "GET", resetAfterBytes: 50_000 });
    ws.emulator.faults.add({ pathPrefix: p, method: "GET", delayMs: 500 });
    const download = await ws.client(fast).download(p);
    const iterator = download.body[Symbol.asyncIterator]();
    await iterator.next();
    await put(p, Buffer.alloc(300_000, 2));
    const rest = (async () => {
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        expect((r.value as Buffer).includes(2)).toBe(false);
      }
    })();
    await expect(rest).rejects.toMatchObject({ status: 409, code: "FILE_CHANGED" });
  });
});

describe("writes are not retried (bodiless ones only after a 429)", () => {
  it.each([503, 429, 500])("sends an upload that fails with %i exactly once", async (status) => {
    const p = `${ROOT}/no-retry-${status}.txt`;
    ws.emulator.faults.add({ pathPrefix: p, method: "PUT", status, count: 5 });
    const err = await rejection(put(p, "data"));
    expect(err.status).toBe(status === 429 ? 429 : 502);
    expect(count(p, "PUT")).toBe(1);
  });

  it("sends a delete and a mkdir again after a 429, which turned them away before they did anything", async () => {
    await put(`${ROOT}/rl/a.txt`, "a");
    const before = count(`${ROOT}/rl`);
    ws.emulator.faults.add({ pathPrefix: `${ROOT}/rl`, status: 429, count: 2 });
    await client.deleteFile(`${ROOT}/rl/a.txt`);
    await client.createDirectory(`${ROOT}/rl/d`);
    expect(count(`${ROOT}/rl`) - before).toBe(4);
    expect(await ws.readOnDisk(`${ROOT}/rl/a.txt`)).toBeUndefined();
  });

  it("sends a failing delete and mkdir once", async () => {
    ws.emulator.faults.add({ pathPrefix: `${ROOT}/nr`, status: 503, count: 5 });
    await rejection(client.deleteFile(`${ROOT}/nr/a.txt`));
    await rejection(client.createDirectory(`${ROOT}/nr/d`));
    expect(count(`${ROOT}/nr`)).toBe(2);
  });
});

describe("timeouts", () => {
  it("answers 504 when the upstream hangs, without retrying, and closes the upstream socket", async () => {
    const dir = `${ROOT}/hang`;
    ws.emulator.faults.add({ pathPrefix: dir, hang: true, count: 5 });
    const started = Date.now();
    const err = await rejection(ws.client({ timeoutMs: 300 }).listPage(dir));
    expect(err).toMatchObject({ status: 504, code: "UPSTREAM_TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(count(dir)).toBe(1);
    await waitFor(() => ws.emulator.stats.snapshot().openRequests === 0);
  });

  it("cuts an upload whose source stalls, and writes nothing", async () => {
    const p = `${ROOT}/stalled.bin`;
    const source = new Readable({ read() {} });
    source.push(Buffer.alloc(1024, 1));
    const err = await rejection(ws.client({ timeoutMs: 300 }).upload(p, source, { overwrite: true }));
    expect(err).toMatchObject({ status: 504, code: "UPSTREAM_TIMEOUT" });
    await waitFor(
      async () => ws.emulator.stats.snapshot().openRequests === 0 && (await staged()).length === 0,
    );
    expect(await ws.readOnDisk(p)).toBeUndefined();
    source.destroy();
  });

  it("does not cut a slow but steady download", async () => {
    const p = `${ROOT}/steady.bin`;
    await put(p, Buffer.alloc(256 * 1024, 7));
    const download = await ws.client({ timeoutMs: 300 }).download(p);
    let received = 0;
    for await (const chunk of download.body) {
      received += (chunk as Buffer).length;
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(received).toBe(256 * 1024);
  });
});

describe("aborts", () => {
  const BIG = 8 * 1024 * 1024;

  it("aborts the upstream download when the caller's signal fires mid-body", async () => {
    const p = `${ROOT}/abort-download.bin`;
    await client.upload(p, generatedBody(BIG), { overwrite: true, contentLength: BIG });
    const servedBefore = ws.emulator.stats.bytesServed(p);
    const controller = new AbortController();
    const download = await client.download(p, { signal: controller.signal });
    const iterator = download.body[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await expect(text(download.body)).rejects.toThrow();
    await waitFor(() => ws.emulator.stats.snapshot().openRequests === 0);
    expect(ws.emulator.stats.bytesServed(p) - servedBefore).toBeLessThan(BIG);
  });

  it("aborts the upstream download when the consumer destroys the body", async () => {
    const p = `${ROOT}/abort-download.bin`;
    const servedBefore = ws.emulator.stats.bytesServed(p);
    const download = await client.download(p);
    await download.body[Symbol.asyncIterator]().next();
    download.body.destroy();
    await waitFor(() => ws.emulator.stats.snapshot().openRequests === 0);
    expect(ws.emulator.stats.bytesServed(p) - servedBefore).toBeLessThan(BIG);
  });

  it("aborts an upload mid-body on the caller's signal and keeps the old bytes", async () => {
    const p = `${ROOT}/abort-upload.txt`;
    await put(p, "old bytes");
    const controller = new AbortController();
    const receivedBefore = ws.emulator.stats.bytesReceived(p);
    const pending = client.upload(p, generatedBody(256 * 1024 * 1024), {
      overwrite: true,
      signal: controller.signal,
    });
    await waitFor(() => ws.emulator.stats.bytesReceived(p) - receivedBefore > 1024 * 1024);
    controller.abort();
    const err = await rejection(pending);
    expect(err.code).toBe("REQUEST_ABORTED");
    await waitFor(
      async () => ws.emulator.stats.snapshot().openRequests === 0 && (await staged()).length === 0,
    );
    expect((await ws.readOnDisk(p))?.toString()).toBe("old bytes");
  });

  it("aborts an upload whose source errors mid-body, and writes nothing", async () => {
    const p = `${ROOT}/source-error.bin`;
    let sent = 0;
    const source = new Readable({
      read() {
        sent += 64 * 1024;
        if (sent > 2 * 1024 * 1024) this.destroy(new Error("client went away"));
        else this.push(Buffer.alloc(64 * 1024, 3));
      },
    });
    const err = await rejection(client.upload(p, source, { overwrite: true }));
    expect(err).toMatchObject({ status: 400, code: "UPLOAD_INCOMPLETE" });
    await waitFor(
      async () => ws.emulator.stats.snapshot().openRequests === 0 && (await staged()).length === 0,
    );
    expect(await ws.readOnDisk(p)).toBeUndefined();
  });

  it("aborts an upload whose source is shorter than its Content-Length", async () => {
    const p = `${ROOT}/short.bin`;
    const err = await rejection(
      client.upload(p, Readable.from([Buffer.alloc(1000, 1)]), { overwrite: true, contentLength: 5000 }),
    );
    expect(err).toMatchObject({ status: 400, code: "UPLOAD_INCOMPLETE" });
    await waitFor(
      async () => ws.emulator.stats.snapshot().openRequests === 0 && (await staged()).length === 0,
    );
    expect(await ws.readOnDisk(p)).toBeUndefined();
  });

  it("reports a 409 on an upload of a large body without hanging", async () => {
    const p = `${ROOT}/exists-large.bin`;
    await put(p, "keep me");
    const source = generatedBody(64 * 1024 * 1024);
    const err = await rejection(client.upload(p, source, { overwrite: false }));
    expect(err).toMatchObject({ status: 409, code: "ALREADY_EXISTS" });
    expect((await ws.readOnDisk(p))?.toString()).toBe("keep me");
    // The caller's stream is left to the caller, unconsumed and undestroyed.
    expect(source.destroyed).toBe(false);
    source.destroy();
  });
});
