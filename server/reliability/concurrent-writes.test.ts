// Ten uploads to one path at the same moment, through the Apps proxy. Without overwrite exactly
// one wins and nine are told 409; with overwrite all succeed and the file is one whole body, never
// a mix of two.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../test-support/http.js";
import { startTestStack, type TestStack } from "../test-support/stack.js";
import { contentOf, settled } from "./test-support/leaks.js";

const UPLOADS = 10;
const SIZE = 1024 * 1024;

describe("concurrent uploads to one path", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  const bodies = Array.from({ length: UPLOADS }, () => randomBytes(SIZE));
  const hash = (b: Buffer) => createHash("sha256").update(b).digest("hex");

  function upload(rel: string, body: Buffer, overwrite: boolean) {
    const { base, headers } = stack.target("alice");
    return rawRequest(
      `${base}/api/files/uploads/upload?path=${encodeURIComponent(rel)}&overwrite=${overwrite}`,
      {
        method: "POST",
        headers: { ...headers, "x-requested-with": "volumes-browser", "content-length": String(body.length) },
        body,
        timeoutMs: 20_000,
      },
    );
  }

  it("overwrite=false: exactly one succeeds, nine get 409, the file is the winner's", async () => {
    const rel = "race/no-overwrite.bin";
    const results = await Promise.all(bodies.map((b) => upload(rel, b, false)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(UPLOADS - 1).fill(409)]);
    for (const r of results.filter((r) => r.status === 409)) {
      expect(JSON.parse(r.body.toString()).code).toBe("ALREADY_EXISTS");
    }
    await settled(stack.emulator, stack.workspaceDir);
    const onDisk = await contentOf(stack.onDisk("uploads", rel));
    expect(onDisk?.length).toBe(SIZE);
    expect(bodies.map(hash)).toContain(hash(onDisk ?? Buffer.alloc(0)));
  });

  it("overwrite=true: all succeed and the file is byte-identical to one complete upload", async () => {
    const rel = "race/overwrite.bin";
    const results = await Promise.all(bodies.map((b) => upload(rel, b, true)));
    expect(results.map((r) => r.status)).toEqual(Array(UPLOADS).fill(200));
    await settled(stack.emulator, stack.workspaceDir);
    const onDisk = await contentOf(stack.onDisk("uploads", rel));
    expect(onDisk?.length).toBe(SIZE);
    expect(bodies.map(hash)).toContain(hash(onDisk ?? Buffer.alloc(0)));
  });
});
