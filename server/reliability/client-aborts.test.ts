// Clients that walk away mid-transfer, over and over, through the Apps proxy: at 0%, after one
// byte, at 50% and at 99% of an upload or a download. Afterwards no file was half-written (none
// new, the old one intact, nothing staged), every upstream request is closed, and descriptors and
// sockets are back where they were.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../test-support/stack.js";
import { abortDownload, abortUpload } from "./test-support/aborting-client.js";
import { contentOf, exists, leakBaseline, settled } from "./test-support/leaks.js";

const SIZE = 4 * 1024 * 1024;
const REPEATS = 3;
const POINTS: Array<[string, (size: number) => number]> = [
  ["0%", () => 0],
  ["1 byte", () => 1],
  ["50%", (size) => Math.floor(size / 2)],
  ["99%", (size) => Math.floor(size * 0.99)],
];

describe("client aborts", () => {
  let stack: TestStack;
  const body = randomBytes(SIZE);
  const original = randomBytes(64 * 1024);
  const download = randomBytes(2 * SIZE);

  beforeAll(async () => {
    stack = await startTestStack();
    await mkdir(stack.onDisk("uploads", "aborts"), { recursive: true });
    await writeFile(stack.onDisk("uploads", "aborts/existing.bin"), original);
    await writeFile(stack.onDisk("uploads", "aborts/download.bin"), download);
  });
  afterAll(() => stack?.close());

  const url = (op: string, rel: string, query = "") =>
    `${stack.info.proxyUrl}/api/files/uploads/${op}?path=${encodeURIComponent(rel)}${query}`;
  const headers = () => ({ ...stack.target("alice").headers, "x-requested-with": "volumes-browser" });

  /** A full upload and download first, so keep-alive pools are as warm as they will get. */
  async function warmUp(): Promise<void> {
    const up = await stack.fetch("alice", `/api/files/uploads/upload?path=aborts/warm.bin&overwrite=true`, {
      method: "POST",
      body: body.subarray(0, 1024 * 1024),
    });
    expect(up.status).toBe(200);
    const down = await stack.fetch("alice", "/api/files/uploads/download?path=aborts/download.bin");
    expect(Buffer.from(await down.arrayBuffer()).equals(download)).toBe(true);
    await settled(stack.emulator, stack.workspaceDir);
  }

  it("uploads cut at 0%, 1 byte, 50% and 99% write nothing and leak nothing", async () => {
    await warmUp();
    const baseline = leakBaseline(stack.emulator);
    const putsBefore = stack.emulator.stats.requestCount({ method: "PUT" });
    let aborted = 0;
    for (let round = 0; round < REPEATS; round++) {
      for (const [label, at] of POINTS) {
        const fresh = `aborts/new-${round}-${label.replace(/\W/g, "")}.bin`;
        await abortUpload(url("upload", fresh), headers(), body, at(SIZE));
        // Over an existing file: the old bytes must survive an overwrite that never finished.
        await abortUpload(url("upload", "aborts/existing.bin", "&overwrite=true"), headers(), body, at(SIZE));
        aborted += 2;
        await settled(stack.emulator, stack.workspaceDir);
        expect(await exists(stack.onDisk("uploads", fresh)), `${fresh} must not exist`).toBe(false);
        if (label === "99%") {
          // The cut came mid-stream: bytes had reached the Files API, which still wrote nothing.
          const received = stack.emulator.stats.bytesReceived(`${stack.volumePath("uploads")}/${fresh}`);
          expect(received).toBeGreaterThan(0);
        }
        expect((await contentOf(stack.onDisk("uploads", "aborts/existing.bin")))?.equals(original)).toBe(
          true,
        );
      }
    }
    // Each abort reached the Files API at most once (an aborted upload is never retried).
    expect(stack.emulator.stats.requestCount({ method: "PUT" }) - putsBefore).toBeLessThanOrEqual(aborted);
    await baseline.check();
  }, 60_000);

  it("downloads cut at 0%, 1 byte, 50% and 99% close the upstream download and leak nothing", async () => {
    await warmUp();
    const baseline = leakBaseline(stack.emulator);
    for (let round = 0; round < REPEATS; round++) {
      for (const [label, at] of POINTS) {
        const wanted = at(download.length);
        const received = await abortDownload(
          url("download", "aborts/download.bin"),
          stack.target("alice").headers,
          wanted,
        );
        expect(received, label).toBeGreaterThanOrEqual(wanted);
        await settled(stack.emulator, stack.workspaceDir);
      }
    }
    await baseline.check();
    // The file being read is untouched, and a complete download still works afterwards.
    const res = await stack.fetch("alice", "/api/files/uploads/download?path=aborts/download.bin");
    expect(Buffer.from(await res.arrayBuffer()).equals(download)).toBe(true);
  }, 60_000);

  it("a download cut mid-way stops reading the file upstream", async () => {
    const big = randomBytes(32 * 1024 * 1024);
    await writeFile(stack.onDisk("uploads", "aborts/big.bin"), big);
    const volumePath = path.posix.join(stack.volumePath("uploads"), "aborts/big.bin");
    const before = stack.emulator.stats.bytesServed(volumePath);
    await abortDownload(url("download", "aborts/big.bin"), stack.target("alice").headers, 1024 * 1024);
    await settled(stack.emulator, stack.workspaceDir);
    const served = stack.emulator.stats.bytesServed(volumePath) - before;
    // A few socket buffers past the cut at most, never the whole 32 MiB.
    expect(served).toBeLessThan(16 * 1024 * 1024);
  });
});
