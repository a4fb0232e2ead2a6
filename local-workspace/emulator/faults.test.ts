import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dirsUrl, filesUrl, send } from "./test-support/http.js";
import { generatedBody, startUpload } from "./test-support/streaming.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let ws: TestWorkspace;
let base: string;
let token: string;
const FILE = `${MAIN_ROOT}/faults/data.bin`;
const SIZE = 256 * 1024;

beforeAll(async () => {
  ws = await startTestWorkspace();
  base = ws.emulator.url;
  token = ws.tokens.alice;
  await send(base, { method: "PUT", path: filesUrl(FILE), token, body: generatedBody(SIZE) });
});
afterAll(() => ws.close());

const get = (p = FILE, headers: Record<string, string> = {}) =>
  send(base, { path: filesUrl(p), token, headers });

/** A GET that reports how many body bytes arrived before the connection ended. */
function getPartial(p: string): Promise<{ status: number; received: number; complete: boolean }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: url.hostname,
        port: url.port,
        path: filesUrl(p),
        agent: false,
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        let received = 0;
        res.on("data", (c: Buffer) => {
          received += c.length;
        });
        res.on("error", () => {});
        res.on("close", () => resolve({ status: res.statusCode ?? 0, received, complete: res.complete }));
      },
    );
    req.on("error", reject);
  });
}

describe("fault rules", () => {
  it("answers the next N matching requests with the given status and a Databricks error body", async () => {
    ws.emulator.faults.add({ method: "GET", pathPrefix: FILE, status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await get();
      expect(res.status).toBe(503);
      expect(res.json()).toMatchObject({ error_code: "TEMPORARILY_UNAVAILABLE" });
    }
    expect((await get()).status).toBe(200);
  });

  it("skip lets the first N matching requests through, then applies (over HTTP too)", async () => {
    const added = await send(base, {
      method: "POST",
      path: "/__emulator/faults",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "GET", pathPrefix: FILE, status: 503, skip: 2 }),
    });
    expect(added.status).toBe(200);
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(200);
    const bad = await send(base, {
      method: "POST",
      path: "/__emulator/faults",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ skip: -1 }),
    });
    expect(bad.status).toBe(400);
  });

  it("matches method and path prefix only", async () => {
    ws.emulator.faults.add({ method: "PUT", pathPrefix: `${MAIN_ROOT}/faults/other`, status: 500 });
    expect((await get()).status).toBe(200);
    expect(
      (await send(base, { method: "PUT", path: filesUrl(`${MAIN_ROOT}/faults/x`), token, body: "x" })).status,
    ).toBe(204);
    const hit = await send(base, {
      method: "PUT",
      path: filesUrl(`${MAIN_ROOT}/faults/other.txt`),
      token,
      body: "x",
    });
    expect(hit.status).toBe(500);
    expect(ws.emulator.faults.list()).toEqual([]);
  });

  it("429 carries Retry-After; an API path prefix matches too", async () => {
    ws.emulator.faults.add({ pathPrefix: "/api/2.0/fs/directories", status: 429 });
    const res = await send(base, { path: dirsUrl(MAIN_ROOT), token });
    expect(res.status).toBe(429);
    expect(res.headers["retry-after"]).toBe("1");
    expect(res.json()).toMatchObject({ error_code: "REQUEST_LIMIT_EXCEEDED" });
  });

  it("delays a request", async () => {
    ws.emulator.faults.add({ pathPrefix: FILE, delayMs: 300 });
    const started = Date.now();
    expect((await get()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("resetAfterBytes cuts a download after K bytes", async () => {
    ws.emulator.stats.reset();
    ws.emulator.faults.add({ method: "GET", pathPrefix: FILE, resetAfterBytes: 1000 });
    const partial = await getPartial(FILE);
    expect(partial.status).toBe(200);
    expect(partial.complete).toBe(false);
    expect(partial.received).toBe(1000);
    expect(ws.emulator.stats.bytesServed(FILE)).toBe(1000);
    expect((await getPartial(FILE)).received).toBe(SIZE);
  });

  it("resetAfterBytes on a PUT kills the upload and writes nothing", async () => {
    const p = `${MAIN_ROOT}/faults/reset-upload.bin`;
    ws.emulator.faults.add({ method: "PUT", pathPrefix: p, resetAfterBytes: 100_000 });
    const upload = startUpload(base, filesUrl(p), token, { "content-length": String(SIZE) });
    const failed = new Promise<string>((resolve) => {
      upload.req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      upload.response.then(
        (r) => resolve(`status ${r.status}`),
        () => {},
      );
    });
    generatedBody(SIZE).pipe(upload.req);
    expect(await failed).not.toMatch(/^status 2/);
    expect((await get(p)).status).toBe(404);
  });

  it("hang never answers and counts as an open request until the client gives up", async () => {
    ws.emulator.faults.add({ pathPrefix: FILE, hang: true });
    const url = new URL(base);
    const req = http.get({
      host: url.hostname,
      port: url.port,
      path: filesUrl(FILE),
      agent: false,
      headers: { authorization: `Bearer ${token}` },
    });
    let answered = false;
    req.on("response", () => {
      answered = true;
    });
    req.on("error", () => {});
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    expect(ws.emulator.stats.openRequests).toBe(1);
    req.destroy();
    const deadline = Date.now() + 5000;
    while (ws.emulator.stats.openRequests > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(ws.emulator.stats.openRequests).toBe(0);
  });
});

describe("stats", () => {
  it("counts bytes served per path (ranges count what was sent) and requests", async () => {
    ws.emulator.stats.reset();
    await get(FILE, { range: "bytes=0-99" });
    await get(`${MAIN_ROOT}/faults/x`);
    expect(ws.emulator.stats.bytesServed(FILE)).toBe(100);
    expect(ws.emulator.stats.bytesServed(`${MAIN_ROOT}/faults`)).toBe(101);
    expect(ws.emulator.stats.requestCount({ method: "GET", pathPrefix: FILE })).toBe(1);
    await send(base, { method: "HEAD", path: filesUrl(FILE), token });
    expect(ws.emulator.stats.bytesServed(FILE)).toBe(100);
    expect(ws.emulator.stats.requestCount({ pathPrefix: FILE })).toBe(2);
    ws.emulator.stats.reset();
    expect(ws.emulator.stats.bytesServed()).toBe(0);
  });
});

describe("the hooks over HTTP", () => {
  it("adds, lists and clears rules; reads and resets stats", async () => {
    const added = await send(base, {
      method: "POST",
      path: "/__emulator/faults",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "GET", pathPrefix: FILE, status: 500, count: 3 }),
    });
    expect(added.status).toBe(200);
    const listed = (await send(base, { path: "/__emulator/faults" })).json() as { rules: unknown[] };
    expect(listed.rules).toEqual([expect.objectContaining({ status: 500, remaining: 3 })]);
    expect((await get()).status).toBe(500);
    expect((await send(base, { method: "DELETE", path: "/__emulator/faults" })).status).toBe(200);
    expect((await get()).status).toBe(200);
    const stats = (
      await send(base, { path: `/__emulator/stats?pathPrefix=${encodeURIComponent(FILE)}` })
    ).json();
    expect(stats).toMatchObject({
      bytesServed: expect.any(Number),
      requestCount: expect.any(Number),
      openRequests: 0,
    });
    expect((await send(base, { method: "DELETE", path: "/__emulator/stats" })).status).toBe(200);
  });

  it("rejects malformed rules with 400", async () => {
    for (const body of ['{"status": "500"}', '{"bogus": 1}', "[1]", "not json", '{"status": 200}']) {
      const res = await send(base, { method: "POST", path: "/__emulator/faults", body });
      expect(res.status, body).toBe(400);
    }
  });
});

describe("with test hooks disabled", () => {
  it("the hook routes are 404 and in-process rules are refused", async () => {
    const plain = await startTestWorkspace({ testHooks: false });
    try {
      for (const method of ["GET", "POST", "DELETE"]) {
        const res = await send(plain.emulator.url, { method, path: "/__emulator/faults", body: "{}" });
        expect(res.status).toBe(404);
        expect(res.json()).toMatchObject({ error_code: "ENDPOINT_NOT_FOUND" });
      }
      expect(() => plain.emulator.faults.add({ status: 500 })).toThrow(/disabled/);
    } finally {
      await plain.close();
    }
  });
});
