// Validators that never splice versions: a same-size rewrite within one second changes the ETag
// (so If-None-Match is not answered 304 for the old bytes), and If-Range never resumes, because
// no validator we have identifies the bytes (the Files API gives no content hash).
import { readFile, utimes, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const SIZE = 4096;
const versionA = Buffer.alloc(SIZE, "a");
const versionB = Buffer.alloc(SIZE, "b");
/** One fixed second, a minute back: both versions carry the very same mtime. */
const sameSecond = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);

async function upload(rel: string, body: Buffer) {
  const res = await stack.fetch("alice", `/api/files/uploads/upload?path=${rel}&overwrite=true`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  await jsonOf(res);
  // As if both writes had landed within the same second of the file store's clock.
  await utimes(stack.onDisk("uploads", rel), sameSecond, sameSecond);
}

const download = (rel: string, headers: Record<string, string> = {}, method = "GET") =>
  stack.fetch("alice", `/api/files/uploads/download?path=${rel}`, { headers, method });

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("validators of served files", () => {
  it("a same-size rewrite in the same second through the app changes the ETag", async () => {
    const rel = "validators/rewrite.bin";
    await upload(rel, versionA);
    const first = await download(rel);
    expect(first.status).toBe(200);
    expect(await bytesOf(first)).toEqual(versionA);
    const etagA = first.headers.get("etag") as string;
    const lastModified = first.headers.get("last-modified") as string;

    // Unchanged and settled (mtime a minute back): revalidation is answered 304.
    const revalidated = await download(rel, { "if-none-match": etagA });
    expect(revalidated.status).toBe(304);

    await upload(rel, versionB);
    expect(await readFile(stack.onDisk("uploads", rel))).toEqual(versionB);

    const after = await download(rel, { "if-none-match": etagA });
    expect(after.status).toBe(200);
    expect(await bytesOf(after)).toEqual(versionB);
    expect(after.headers.get("etag")).not.toBe(etagA);
    expect(after.headers.get("last-modified")).toBe(lastModified);

    const head = await download(rel, { "if-none-match": etagA }, "HEAD");
    expect(head.status).toBe(200);

    // A browser resuming the download of version A gets all of version B, not A's head + B's tail.
    const resumed = await download(rel, { range: "bytes=100-", "if-range": etagA });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get("content-range")).toBeNull();
    expect(await bytesOf(resumed)).toEqual(versionB);
  });

  it("If-Range never resumes: a weak ETag or a one-second date cannot prove the bytes", async () => {
    const rel = "validators/resume.bin";
    await upload(rel, versionA);
    const current = await download(rel);
    await current.arrayBuffer();
    // Weak: nothing identifies the bytes.
    expect(current.headers.get("etag")).toMatch(/^W\/"/);
    for (const validator of [current.headers.get("etag"), current.headers.get("last-modified")]) {
      const res = await download(rel, { range: "bytes=10-19", "if-range": validator as string });
      expect(res.status, `If-Range: ${validator}`).toBe(200);
      expect(await bytesOf(res)).toEqual(versionA);
    }
    // A plain Range (no validator to check) is still served.
    const part = await download(rel, { range: "bytes=10-19" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${SIZE}`);
    expect(await bytesOf(part)).toEqual(versionA.subarray(10, 20));
  });

  it("a tag issued within the mtime's second never answers 304: a writer outside the app may follow", async () => {
    const rel = "validators/external.bin";
    const onDisk = stack.onDisk("uploads", rel);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await upload(rel, versionA);
    await utimes(onDisk, now, now);
    const first = await download(rel);
    expect(await bytesOf(first)).toEqual(versionA);
    const fresh = first.headers.get("etag") as string;

    // Someone else rewrites it, same size, same second: nothing in size or date changes.
    await writeFile(onDisk, versionB);
    await utimes(onDisk, now, now);
    const after = await download(rel, { "if-none-match": fresh });
    expect(after.status).toBe(200);
    expect(await bytesOf(after)).toEqual(versionB);
  });
});
