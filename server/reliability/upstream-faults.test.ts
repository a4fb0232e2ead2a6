// Faults injected in the Files API emulator, seen end to end through the Apps proxy and the app:
// reads are retried within the budget (and give up with a clear 502 or 429 inside the cap),
// uploads are never retried (one PUT, a clean error, the old file intact), and a hanging
// upstream is answered 504 within FILES_UPSTREAM_TIMEOUT with the upstream request closed.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../shared/api/errors.js";
import { rawRequest } from "../test-support/http.js";
import { jsonOf, startTestStack, type TestStack } from "../test-support/stack.js";
import { contentOf, settled } from "./test-support/leaks.js";

const TIMEOUT_MS = 2_000;
/** DEFAULT_RETRY_POLICY's cap on the time retries may take. */
const RETRY_CAP_MS = 10_000;

let stack: TestStack;
const original = randomBytes(32 * 1024);

beforeAll(async () => {
  stack = await startTestStack({ env: { FILES_UPSTREAM_TIMEOUT: `${TIMEOUT_MS}ms` } });
  await mkdir(stack.onDisk("uploads", "faults/listed"), { recursive: true });
  await writeFile(stack.onDisk("uploads", "faults/listed/a.txt"), "a");
  await writeFile(stack.onDisk("uploads", "faults/file.bin"), original);
});
afterAll(() => stack?.close());
beforeEach(async () => {
  stack.emulator.faults.clear();
  await writeFile(stack.onDisk("uploads", "faults/existing.bin"), original);
});

const upstream = (rel: string) => `${stack.volumePath("uploads")}/${rel}`;
const requests = (method: string, rel: string) =>
  stack.emulator.stats.requestCount({ method, pathPrefix: upstream(rel) });

async function timed(run: () => Promise<Response>): Promise<{ res: Response; ms: number }> {
  const started = Date.now();
  const res = await run();
  return { res, ms: Date.now() - started };
}

function upload(rel: string, body: Buffer) {
  const { base, headers } = stack.target("alice");
  return rawRequest(`${base}/api/files/uploads/upload?path=${encodeURIComponent(rel)}&overwrite=true`, {
    method: "POST",
    headers: { ...headers, "x-requested-with": "volumes-browser", "content-length": String(body.length) },
    body,
    timeoutMs: 15_000,
  });
}

describe("reads are retried within the budget", () => {
  it("a list that meets 503, 503 and 429 succeeds on the fourth attempt", async () => {
    for (const status of [503, 503, 429]) {
      stack.emulator.faults.add({ method: "GET", pathPrefix: upstream("faults/listed"), status });
    }
    const before = requests("GET", "faults/listed");
    const { res, ms } = await timed(() => stack.fetch("alice", "/api/files/uploads/list?path=faults/listed"));
    expect(res.status).toBe(200);
    expect((await jsonOf<Array<{ name: string }>>(res)).map((e) => e.name)).toEqual(["a.txt"]);
    expect(requests("GET", "faults/listed") - before).toBe(4);
    // The 429 asked for Retry-After: 1 and was obeyed.
    expect(ms).toBeGreaterThanOrEqual(950);
  });

  it("a download that meets a 429 and a 503 succeeds with every byte", async () => {
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream("faults/file.bin"), status: 429 });
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream("faults/file.bin"), status: 503 });
    const before = requests("GET", "faults/file.bin");
    const res = await stack.fetch("alice", "/api/files/uploads/download?path=faults/file.bin");
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(original)).toBe(true);
    expect(requests("GET", "faults/file.bin") - before).toBe(3);
  });

  it("a persistent 503 becomes a clear 502 after the retries, within the cap", async () => {
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: upstream("faults/listed"),
      status: 503,
      count: 50,
    });
    const before = requests("GET", "faults/listed");
    const { res, ms } = await timed(() => stack.fetch("alice", "/api/files/uploads/list?path=faults/listed"));
    expect(res.status).toBe(502);
    const body = await jsonOf<ApiErrorBody>(res);
    expect(body.code).toBe("UPSTREAM_ERROR");
    expect(body.message).toMatch(/gave up after 4 attempts/);
    expect(requests("GET", "faults/listed") - before).toBe(4);
    expect(ms).toBeLessThan(RETRY_CAP_MS);
  });

  it("a persistent 429 becomes a 429 with Retry-After, within the cap", async () => {
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: upstream("faults/file.bin"),
      status: 429,
      count: 50,
    });
    const { res, ms } = await timed(() =>
      stack.fetch("alice", "/api/files/uploads/download?path=faults/file.bin"),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await jsonOf<ApiErrorBody>(res)).code).toBe("REQUEST_LIMIT_EXCEEDED");
    expect(ms).toBeLessThan(RETRY_CAP_MS + 1_000);
  });
});

describe("uploads are never retried", () => {
  it("a 503 on the PUT: one PUT, a clean 502, the old file intact", async () => {
    const rel = "faults/existing.bin";
    stack.emulator.faults.add({ method: "PUT", pathPrefix: upstream(rel), status: 503, count: 5 });
    const before = requests("PUT", rel);
    const res = await upload(rel, randomBytes(1024 * 1024));
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body.toString()).code).toBe("UPSTREAM_ERROR");
    expect(requests("PUT", rel) - before).toBe(1);
    await settled(stack.emulator, stack.workspaceDir);
    expect((await contentOf(stack.onDisk("uploads", rel)))?.equals(original)).toBe(true);
  });

  it("a connection reset in the middle of the upload: one PUT, a clean 502, the old file intact", async () => {
    const rel = "faults/existing.bin";
    stack.emulator.faults.add({
      method: "PUT",
      pathPrefix: upstream(rel),
      resetAfterBytes: 256 * 1024,
      count: 5,
    });
    const before = requests("PUT", rel);
    const res = await upload(rel, randomBytes(4 * 1024 * 1024));
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body.toString()).code).toBe("UPSTREAM_UNAVAILABLE");
    expect(requests("PUT", rel) - before).toBe(1);
    await settled(stack.emulator, stack.workspaceDir);
    expect((await contentOf(stack.onDisk("uploads", rel)))?.equals(original)).toBe(true);
  });
});

describe("a hanging upstream", () => {
  const expectTimeout = async (run: () => Promise<{ status: number; ms: number; code: string }>) => {
    const { status, ms, code } = await run();
    expect(status).toBe(504);
    expect(code).toBe("UPSTREAM_TIMEOUT");
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(TIMEOUT_MS + 3_000);
    // The app closed its upstream request; the emulator saw it go.
    await settled(stack.emulator, stack.workspaceDir);
  };

  it("a list answers 504 within FILES_UPSTREAM_TIMEOUT, not retried, upstream closed", async () => {
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream("faults/listed"), hang: true, count: 5 });
    const before = requests("GET", "faults/listed");
    await expectTimeout(async () => {
      const { res, ms } = await timed(() =>
        stack.fetch("alice", "/api/files/uploads/list?path=faults/listed"),
      );
      return { status: res.status, ms, code: (await jsonOf<ApiErrorBody>(res)).code };
    });
    expect(requests("GET", "faults/listed") - before).toBe(1);
  });

  it("a download answers 504 within FILES_UPSTREAM_TIMEOUT, upstream closed", async () => {
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: upstream("faults/file.bin"),
      hang: true,
      count: 5,
    });
    await expectTimeout(async () => {
      const { res, ms } = await timed(() =>
        stack.fetch("alice", "/api/files/uploads/download?path=faults/file.bin"),
      );
      return { status: res.status, ms, code: (await jsonOf<ApiErrorBody>(res)).code };
    });
  });

  it("an upload answers 504, writes nothing and closes the upstream PUT", async () => {
    const rel = "faults/existing.bin";
    stack.emulator.faults.add({ method: "PUT", pathPrefix: upstream(rel), hang: true });
    await expectTimeout(async () => {
      const started = Date.now();
      const res = await upload(rel, randomBytes(64 * 1024));
      return { status: res.status, ms: Date.now() - started, code: JSON.parse(res.body.toString()).code };
    });
    expect((await contentOf(stack.onDisk("uploads", rel)))?.equals(original)).toBe(true);
  });
});
