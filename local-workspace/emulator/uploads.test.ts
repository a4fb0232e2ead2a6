import { readdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAGING_DIR_NAME } from "./index.js";
import { filesUrl, send } from "./test-support/http.js";
import { generatedBody, startUpload } from "./test-support/streaming.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

const LIMIT = 1024 * 1024;
let ws: TestWorkspace;
let base: string;
let token: string;

beforeAll(async () => {
  ws = await startTestWorkspace({ maxPutBytes: LIMIT });
  base = ws.emulator.url;
  token = ws.tokens.alice;
});
afterAll(() => ws.close());

async function until(fn: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(10);
  }
}

const stagingFiles = () => readdir(path.join(ws.dir, STAGING_DIR_NAME));
const getText = async (p: string) => {
  const res = await send(base, { path: filesUrl(p), token });
  return { status: res.status, text: res.text };
};

/** Sends part of a body, waits until the emulator has it, then kills the connection. */
async function abortMidBody(p: string, headers: Record<string, string>) {
  const received = ws.emulator.stats.bytesReceived(p);
  const upload = startUpload(base, filesUrl(p), token, headers);
  upload.req.write(Buffer.alloc(64 * 1024, 0x62));
  await until(() => ws.emulator.stats.bytesReceived(p) > received);
  upload.req.destroy();
  await until(() => ws.emulator.stats.openRequests === 0);
}

describe("atomic uploads", () => {
  it("a body aborted mid-way leaves no file and no staging leftovers", async () => {
    const p = `${MAIN_ROOT}/abort/new.bin`;
    await abortMidBody(p, { "content-length": String(512 * 1024) });
    expect((await getText(p)).status).toBe(404);
    expect(await stagingFiles()).toEqual([]);
  });

  it("an aborted overwrite leaves the old bytes (chunked body)", async () => {
    const p = `${MAIN_ROOT}/abort/existing.txt`;
    await send(base, { method: "PUT", path: filesUrl(p), token, body: "old bytes" });
    await abortMidBody(p, { "transfer-encoding": "chunked" });
    expect(await getText(p)).toEqual({ status: 200, text: "old bytes" });
    expect(await stagingFiles()).toEqual([]);
  });

  it("a declared Content-Length over the limit is 413 before any body is read", async () => {
    const p = `${MAIN_ROOT}/limit/declared.txt`;
    await send(base, { method: "PUT", path: filesUrl(p), token, body: "old" });
    const upload = startUpload(base, filesUrl(p), token, { "content-length": String(LIMIT + 1) });
    upload.req.flushHeaders();
    const res = await upload.response;
    upload.req.destroy();
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error_code: "REQUEST_LIMIT_EXCEEDED" });
    expect(ws.emulator.stats.bytesReceived(p)).toBe(3);
    expect(await getText(p)).toEqual({ status: 200, text: "old" });
  });

  it("a chunked body that grows over the limit is 413 and the old bytes stay", async () => {
    const p = `${MAIN_ROOT}/limit/chunked.txt`;
    await send(base, { method: "PUT", path: filesUrl(p), token, body: "old" });
    const upload = startUpload(base, filesUrl(p), token, { "transfer-encoding": "chunked" });
    upload.req.on("error", () => {});
    generatedBody(3 * LIMIT).pipe(upload.req);
    const res = await upload.response;
    upload.req.destroy();
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error_code: "REQUEST_LIMIT_EXCEEDED" });
    await until(() => ws.emulator.stats.openRequests === 0);
    expect(await getText(p)).toEqual({ status: 200, text: "old" });
    expect(await stagingFiles()).toEqual([]);
  });

  it("a body exactly at the limit is accepted", async () => {
    const p = `${MAIN_ROOT}/limit/exact.bin`;
    const res = await send(base, { method: "PUT", path: filesUrl(p), token, body: generatedBody(LIMIT) });
    expect(res.status).toBe(204);
    const head = await send(base, { method: "HEAD", path: filesUrl(p), token });
    expect(head.headers["content-length"]).toBe(String(LIMIT));
  });

  it("answers 100-continue only for an accepted upload", async () => {
    const p = `${MAIN_ROOT}/continue.txt`;
    const upload = startUpload(base, filesUrl(p), token, { expect: "100-continue", "content-length": "5" });
    upload.req.on("continue", () => upload.req.end("hello"));
    expect((await upload.response).status).toBe(204);
    const denied = startUpload(base, filesUrl(p), ws.tokens.bob, {
      expect: "100-continue",
      "content-length": "5",
    });
    let continued = false;
    denied.req.on("continue", () => {
      continued = true;
    });
    denied.req.flushHeaders();
    expect((await denied.response).status).toBe(403);
    denied.req.destroy();
    expect(continued).toBe(false);
  });
});

describe("streaming", () => {
  it("a large upload streams through without growing memory with the body", async () => {
    const big = await startTestWorkspace();
    try {
      const size = 160 * 1024 * 1024;
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const p = `${MAIN_ROOT}/big.bin`;
      const res = await send(big.emulator.url, {
        method: "PUT",
        path: filesUrl(p),
        token: big.tokens.alice,
        headers: { "transfer-encoding": "chunked" },
        body: generatedBody(size),
      });
      clearInterval(sampler);
      expect(res.status).toBe(204);
      expect(big.emulator.stats.bytesReceived(p)).toBe(size);
      // Client and emulator share this process: buffering the body anywhere would add ≥160 MiB.
      // Streaming measures about 40 MiB of buffer churn here.
      expect(peak - baseline).toBeLessThan(96 * 1024 * 1024);
      const head = await send(big.emulator.url, {
        method: "HEAD",
        path: filesUrl(p),
        token: big.tokens.alice,
      });
      expect(head.headers["content-length"]).toBe(String(size));
    } finally {
      await big.close();
    }
  });
});
