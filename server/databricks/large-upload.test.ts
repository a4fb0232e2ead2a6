// Its own file so it runs in its own worker process: RSS is a per-process measure.
import { stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { volumeDir } from "../../local-workspace/emulator/index.js";
import { generatedBody } from "../../local-workspace/emulator/test-support/streaming.js";
import { ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startTestWorkspace();
});
afterAll(() => ws.close());

const SIZE = 300 * 1024 * 1024;

it.each([
  ["with Content-Length", SIZE],
  ["chunked", undefined],
])("streams a 300 MB upload (%s) with flat memory", async (_label, contentLength) => {
  const client = ws.client({ timeoutMs: 10_000 });
  const target = `${ROOT}/big/${contentLength ? "sized" : "chunked"}.bin`;
  // Warm up allocations (undici, the emulator's write path) so they don't count as growth.
  await client.upload(`${ROOT}/big/warmup.bin`, generatedBody(64 * 1024 * 1024), { overwrite: true });
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    await client.upload(target, generatedBody(SIZE), { overwrite: true, contentLength });
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  const growthMb = (peak - before) / 1024 / 1024;
  expect(growthMb).toBeLessThan(100);
  const onDisk = await stat(
    path.join(volumeDir(ws.dir, "main", "default", "files"), "big", path.basename(target)),
  );
  expect(onDisk.size).toBe(SIZE);
});
