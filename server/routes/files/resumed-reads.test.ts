// Reads whose upstream body breaks mid-way are resumed from the received offset (Range +
// If-Unmodified-Since): the client gets the exact bytes, or, when the file changed between
// attempts, a failed response, never a spliced or truncated body reported as complete.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, utimes, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sleep } from "../../test-support/http.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

let stack: TestStack;
const SIZE = 1024 * 1024;
const original = randomBytes(SIZE);
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  stack = await startTestStack();
  await mkdir(stack.onDisk("shared", "resume"), { recursive: true });
});
afterAll(() => stack?.close());
beforeEach(() => stack.emulator.faults.clear());

/** Writes `bytes` as if last modified a minute ago, so a rewrite now lands in a later second. */
async function seed(rel: string, bytes: Buffer | string) {
  const onDisk = stack.onDisk("shared", rel);
  await writeFile(onDisk, bytes);
  const minuteAgo = new Date(Date.now() - 60_000);
  await utimes(onDisk, minuteAgo, minuteAgo);
}

const upstream = (rel: string) => `${stack.volumePath("shared")}/${rel}`;
const gets = (rel: string) => stack.emulator.stats.requestCount({ method: "GET", pathPrefix: upstream(rel) });

describe("reads resumed after a broken upstream body", () => {
  it("a download reset in the middle returns the exact bytes", async () => {
    const rel = "resume/whole.bin";
    await seed(rel, original);
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream(rel), resetAfterBytes: 300_000 });
    const before = gets(rel);
    const res = await stack.fetch("bob", `/api/files/shared/download?path=${rel}`);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(SIZE);
    expect(sha(body)).toBe(sha(original));
    // One GET broke after 300,000 bytes, one more fetched the rest.
    expect(gets(rel) - before).toBe(2);
  });

  it("a range download reset twice still returns exactly the range", async () => {
    const rel = "resume/range.bin";
    await seed(rel, original);
    for (const resetAfterBytes of [100_000, 50_000]) {
      stack.emulator.faults.add({ method: "GET", pathPrefix: upstream(rel), resetAfterBytes });
    }
    const res = await stack.fetch("bob", `/api/files/shared/download?path=${rel}`, {
      headers: { range: "bytes=1000-400999" },
    });
    expect(res.status).toBe(206);
    const body = Buffer.from(await res.arrayBuffer());
    expect(sha(body)).toBe(sha(original.subarray(1000, 401_000)));
  });

  it("read and preview survive a reset mid-body", async () => {
    const rel = "resume/notes.txt";
    const text = "line of text\n".repeat(20_000);
    await seed(rel, text);
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream(rel), resetAfterBytes: 10_000 });
    const read = await stack.fetch("bob", `/api/files/shared/read?path=${rel}`);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe(text);

    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream(rel), resetAfterBytes: 10_000 });
    const preview = await stack.fetch("bob", `/api/files/shared/preview?path=${rel}`);
    expect(preview.status).toBe(200);
    const body = await jsonOf<{ textPreview: string; truncated: boolean }>(preview);
    expect(body.truncated).toBe(true);
    expect(body.textPreview).toBe(text.slice(0, 64 * 1024));
  });

  it("a rewrite between attempts fails the download instead of splicing two versions", async () => {
    const rel = "resume/rewritten.bin";
    await seed(rel, original);
    const cut = 300_000;
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream(rel), resetAfterBytes: cut });
    // The resume waits a while upstream: long enough for the rewrite below to land first.
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream(rel), delayMs: 1_000 });
    const res = await stack.fetch("bob", `/api/files/shared/download?path=${rel}`);
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    let failed = false;
    let rewritten = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.length;
        if (!rewritten && received >= cut) {
          rewritten = true;
          // Same size, new bytes, written now (a later second than the first answer's mtime).
          await writeFile(stack.onDisk("shared", rel), randomBytes(SIZE));
        }
      }
    } catch {
      failed = true;
    }
    expect(rewritten).toBe(true);
    expect(failed).toBe(true);
    expect(received).toBeLessThan(SIZE);
    // It failed because the resume found the file changed (412 upstream), not for another reason.
    await sleep(50);
    expect(stack.logs.some((line) => line.includes('"code":"FILE_CHANGED"'))).toBe(true);
  });

  it("a read whose file changes between attempts answers 409 FILE_CHANGED, not a spliced text", async () => {
    const rel = "resume/changing.txt";
    const text = "first version\n".repeat(20_000);
    await seed(rel, text);
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream(rel), resetAfterBytes: 10_000 });
    stack.emulator.faults.add({ method: "GET", pathPrefix: upstream(rel), delayMs: 1_000 });
    const pending = stack.fetch("bob", `/api/files/shared/read?path=${rel}`);
    await sleep(400);
    await writeFile(stack.onDisk("shared", rel), "other version\n".repeat(20_000));
    const res = await pending;
    expect(res.status).toBe(409);
    expect((await jsonOf<{ code: string }>(res)).code).toBe("FILE_CHANGED");
  });
});
