// The app against an emulator that enforces the Files API's rate limit (10 in flight, 100/s per
// principal, on by default): bulk operations on hundreds of files (a zip, a folder copy, a
// recursive delete, all at once, as one user) finish without a single 429, because the app paces
// itself per identity (server/databricks/pacer.ts).
import { mkdir, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CopyResponse, DeleteResponse } from "../../shared/api/files.js";
import { jsonOf, startTestStack, type TestStack } from "../test-support/stack.js";

const FOLDERS = 4;
const PER_FOLDER = 60;
const FILES = FOLDERS * PER_FOLDER;

describe("bulk operations under the Files API rate limit", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ seed: false });
    for (let f = 0; f < FOLDERS; f++) {
      const dir = stack.onDisk("uploads", `bulk/part-${f}`);
      await mkdir(dir, { recursive: true });
      for (let i = 0; i < PER_FOLDER; i++) await writeFile(`${dir}/file-${i}.txt`, `file ${f}/${i}\n`);
    }
  });
  afterAll(() => stack?.close());

  const copy = (from: string, to: string) =>
    stack.fetch("alice", "/api/files/uploads/copy", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from, to }),
    });
  const removeTree = (rel: string) =>
    stack.fetch("alice", `/api/files/uploads?path=${encodeURIComponent(rel)}&recursive=true`, {
      method: "DELETE",
    });

  it("is really enforced: the same user's unpaced burst straight at the emulator meets 429s (150 at once: more than the 10 in flight allowed)", async () => {
    const token = stack.info.users.find((u) => u.name === "alice")?.token ?? "";
    const path = `/api/2.0/fs/directories${stack.volumePath("uploads")}/bulk`;
    // Each request holds its slot for a while, so the burst overlaps however slowly a loaded
    // machine accepts the connections (without it, requests done one by one never overlap).
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: `${stack.volumePath("uploads")}/bulk`,
      delayMs: 300,
      count: 150,
    });
    stack.emulator.stats.reset();
    const statuses = await Promise.all(
      Array.from({ length: 150 }, () =>
        fetch(`${stack.info.emulatorUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(
          async (r) => {
            await r.arrayBuffer();
            return r.status;
          },
        ),
      ),
    );
    expect(statuses).toContain(429);
    expect(stack.emulator.stats.snapshot().rateLimited).toBeGreaterThan(0);
    stack.emulator.faults.clear();
    await new Promise((r) => setTimeout(r, 1_100)); // let the bucket refill
  });

  it("zips, copies and deletes hundreds of files at once with zero 429s", { timeout: 60_000 }, async () => {
    expect((await copy("bulk", "bulk-a")).status).toBe(200);
    stack.emulator.stats.reset();
    const [zip, copied, deleted] = await Promise.all([
      stack.fetch("alice", "/api/files/uploads/zip?path=bulk").then(async (r) => ({
        status: r.status,
        bytes: (await r.arrayBuffer()).byteLength,
      })),
      copy("bulk", "bulk-b").then((r) => jsonOf<CopyResponse>(r)),
      removeTree("bulk-a").then((r) => jsonOf<DeleteResponse>(r)),
    ]);
    expect(zip.status).toBe(200);
    expect(zip.bytes).toBeGreaterThan(FILES * 20);
    expect(copied).toMatchObject({ success: true, copied: FILES });
    expect(deleted).toMatchObject({ success: true, deleted: FILES + FOLDERS + 1 });
    // Slowed down, not stuck: the long ones said how far they were every few seconds.
    const progress = stack.logs
      .map((l) => JSON.parse(l) as { operation?: string; done?: number; total?: number })
      .filter((l) => l.operation === "copy files" || l.operation === "zip entries");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => (p.done ?? -1) >= 0 && (p.done ?? 0) <= (p.total ?? 0))).toBe(true);
    const stats = stack.emulator.stats.snapshot();
    // Every file was downloaded twice (zip, copy), uploaded and deleted once: ~1000 requests.
    expect(stats.totalRequests).toBeGreaterThan(FILES * 4);
    expect(stats.rateLimited).toBe(0);
    expect(stats.peakConcurrent).toBeLessThanOrEqual(10);
    expect(stats.peakPerSecond).toBeLessThanOrEqual(100);
  });
});
