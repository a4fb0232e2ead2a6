// Clients that hold a connection without doing their part: a request head trickled a byte at a
// time, an upload below FILES_UPLOAD_MIN_RATE, an upload that stops half-way. Each is cut within
// its configured bound (small bounds here), nothing is written, and transfers at normal speed,
// or slow but above the minimum rate, are not touched.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RawRequestOptions, rawRequest, writeChunk } from "../test-support/http.js";
import { startTestStack, type TestStack } from "../test-support/stack.js";
import { contentOf, exists, settled, sleep } from "./test-support/leaks.js";

const HEADERS_TIMEOUT_MS = 1_000;
const MIN_RATE = 20 * 1024;
const WINDOW_MS = 1_000;

describe("slow clients", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { FILES_UPLOAD_MIN_RATE: "20KiB", FILES_UPLOAD_MIN_RATE_WINDOW: `${WINDOW_MS}ms` },
      // The head's bound is a server setting (30 s in production); a short one keeps the test short.
      customize: async (app) => {
        app.server.headersTimeout = HEADERS_TIMEOUT_MS;
      },
    });
  });
  afterAll(() => stack?.close());

  function upload(rel: string, total: number, write: RawRequestOptions["write"]) {
    const { base, headers } = stack.target("alice");
    return rawRequest(`${base}/api/files/uploads/upload?path=${encodeURIComponent(rel)}`, {
      method: "POST",
      headers: { ...headers, "x-requested-with": "volumes-browser", "content-length": String(total) },
      timeoutMs: 20_000,
      write,
    });
  }

  it("cuts a request head trickled byte by byte within the headers timeout", async () => {
    const url = new URL(stack.info.appUrl);
    const socket = net.connect(Number(url.port), url.hostname);
    const started = Date.now();
    let answer = "";
    socket.on("data", (d: Buffer) => (answer += d.toString()));
    socket.on("error", () => {});
    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    const trickle = setInterval(() => socket.write("x"), 100);
    await new Promise((resolve) => socket.once("close", resolve));
    clearInterval(trickle);
    const ms = Date.now() - started;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    // The bound, plus the 1 s interval at which the server checks it, plus a loaded machine.
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + 1_000 + 1_500);
    // Meanwhile a normal request is served.
    expect((await fetch(`${stack.info.appUrl}/health`)).status).toBe(200);
  });

  it("cuts an upload that trickles below the minimum rate within the window, writing nothing", async () => {
    const started = Date.now();
    const res = await upload("slow/trickle.bin", 1024 * 1024, async (req) => {
      // About 1 KiB/s against a minimum of 20 KiB/s.
      while (Date.now() - started < 10_000) {
        if (!(await writeChunk(req, Buffer.alloc(100, 1)))) return;
        await sleep(100);
      }
    });
    const ms = Date.now() - started;
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body.toString()).code).toBe("UPLOAD_TOO_SLOW");
    expect(ms).toBeLessThan(2 * WINDOW_MS + 1_500);
    await settled(stack.emulator, stack.workspaceDir);
    expect(await exists(stack.onDisk("uploads", "slow/trickle.bin"))).toBe(false);
  });

  it("cuts an upload that stops sending half-way, writing nothing", async () => {
    const started = Date.now();
    const res = await upload("slow/stalled.bin", 2 * 1024 * 1024, async (req) => {
      await writeChunk(req, randomBytes(1024 * 1024));
      await sleep(10_000);
    });
    expect(res.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(2 * WINDOW_MS + 1_500);
    await settled(stack.emulator, stack.workspaceDir);
    expect(await exists(stack.onDisk("uploads", "slow/stalled.bin"))).toBe(false);
  });

  it("leaves transfers alone: full speed, and slow but above the minimum rate", async () => {
    const fast = randomBytes(8 * 1024 * 1024);
    const quick = await upload("slow/fast.bin", fast.length, async (req) => {
      for (let i = 0; i < fast.length; i += 256 * 1024)
        await writeChunk(req, fast.subarray(i, i + 256 * 1024));
    });
    expect(quick.status).toBe(200);
    expect((await contentOf(stack.onDisk("uploads", "slow/fast.bin")))?.equals(fast)).toBe(true);

    // Three times the minimum rate, for three windows.
    const steady = randomBytes(3 * 3 * MIN_RATE);
    const step = Math.floor((3 * MIN_RATE) / 10);
    const slow = await upload("slow/steady.bin", steady.length, async (req) => {
      for (let i = 0; i < steady.length; i += step) {
        await writeChunk(req, steady.subarray(i, i + step));
        await sleep(100);
      }
    });
    expect(slow.status).toBe(200);
    expect((await contentOf(stack.onDisk("uploads", "slow/steady.bin")))?.equals(steady)).toBe(true);

    const download = await stack.fetch("alice", "/api/files/uploads/download?path=slow/fast.bin");
    expect(Buffer.from(await download.arrayBuffer()).equals(fast)).toBe(true);
  });
});
