// Chunked uploads (docs/uploads.md) through the Apps proxy and the app, with each upstream
// protocol the emulator can offer: throughput next to the same chunks sent straight to the
// emulator with the Files API's protocol (held-open: next to one direct PUT), the app's CPU per
// GiB, and the app's peak RSS (flat: chunks stream, never buffer).

import { execFileSync } from "node:child_process";
import type { UploadMode } from "../local-workspace/emulator/upload-sessions.js";
import type { ChunkResponse, StartUploadResponse } from "../shared/api/uploads.js";
import { directChunkedUpload } from "./chunked-direct.js";
import { readCpuMs, readMemory, watchMemory } from "./process-stats.js";
import { type Figure, figure } from "./report.js";
import type { Transfers } from "./transfer-client.js";
import { RSS_GROWTH_TARGET } from "./transfers.js";
import { formatBytes, formatMb, formatPercent, formatRate, sleep } from "./units.js";
import type { BenchWorkspace } from "./workspace.js";

export interface ChunkedOptions {
  size: number;
  client: Transfers;
  log: (line: string) => void;
}

const CHUNK = 16 * 1024 * 1024;
const MODES: Array<{ upstream: UploadMode; label: string }> = [
  { upstream: "multipart", label: "multipart (4 parts at once)" },
  { upstream: "resumable", label: "resumable" },
  { upstream: "none", label: "held-open (neither)" },
];

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/** One file of `size` bytes in chunks, as the SPA sends it; returns bytes per second. */
async function chunkedUpload(
  ws: BenchWorkspace,
  path: string,
  size: number,
  data: Uint8Array<ArrayBuffer>,
): Promise<number> {
  const proxy = ws.viaProxy("alice");
  const base = `${proxy.base}/api/files/uploads/uploads`;
  const headers = { ...proxy.headers, "x-requested-with": "volumes-browser" };
  const started = performance.now();
  const start = await json<StartUploadResponse>(
    await fetch(base, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ path, size, overwrite: true }),
    }),
    "start",
  );
  let token = start.token;
  const chunkSize = Math.max(start.minChunkSize, Math.min(CHUNK, start.maxChunkSize));
  const pieces: Array<{ offset: number; size: number; part: number }> = [];
  for (let offset = 0, part = 1; offset < size; offset += chunkSize, part++) {
    pieces.push({ offset, size: Math.min(chunkSize, size - offset), part });
  }
  const receipts: string[] = [];
  const send = async (p: (typeof pieces)[number]) => {
    const query = `offset=${p.offset}${start.mode === "multipart" ? `&part=${p.part}` : ""}`;
    const answer = await json<ChunkResponse>(
      await fetch(`${base}/chunk?${query}`, {
        method: "PUT",
        headers: { ...headers, "x-upload-token": token, "content-type": "application/octet-stream" },
        body: data.subarray(0, p.size),
      }),
      `chunk at ${p.offset}`,
    );
    if (answer.receipt) receipts[p.part - 1] = answer.receipt;
    if (start.mode !== "multipart") token = answer.token;
  };
  const queue = [...pieces];
  await Promise.all(
    Array.from({ length: start.parallel }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await send(next);
    }),
  );
  await json(
    await fetch(`${base}/complete`, {
      method: "POST",
      headers: { ...headers, "x-upload-token": token, "content-type": "application/json" },
      body: JSON.stringify(start.mode === "multipart" ? { parts: receipts } : {}),
    }),
    "complete",
  );
  return size / ((performance.now() - started) / 1000);
}

/**
 * Each run writes the file up to three times on the emulator's disk (parts, the assembled object,
 * the volume); the next run waits until the kernel has written that out, or it pays for it.
 */
async function settle(): Promise<void> {
  execFileSync("sync");
  await sleep(500);
}

export async function benchChunkedUploads(ws: BenchWorkspace, options: ChunkedOptions): Promise<Figure[]> {
  const { size, client } = options;
  const pid = ws.app.process.pid;
  const emulator = ws.emulator("alice");
  const data = new Uint8Array(new ArrayBuffer(CHUNK)).fill(0x5a);
  const figures: Figure[] = [];
  const section = `chunked upload of ${formatBytes(size)}`;
  const singlePut = await client.upload(
    `${emulator.base}/api/2.0/fs/files${ws.volumePath("uploads")}/bench/direct-chunked.bin?overwrite=true`,
    "PUT",
    emulator.headers,
    size,
  );
  if (singlePut.status >= 300) throw new Error(`direct PUT failed: HTTP ${singlePut.status}`);
  const singlePutRate = size / (singlePut.ms / 1000);
  options.log(`  one direct PUT to the emulator: ${formatRate(singlePutRate)}`);
  try {
    for (const { upstream, label } of MODES) {
      ws.workspace.emulator.uploads.set(upstream);
      await settle();
      const baseline = readMemory(pid).rss;
      const cpuBefore = readCpuMs(pid);
      const watch = watchMemory(pid);
      const rate = await chunkedUpload(ws, `bench/chunked-${upstream}.bin`, size, data).catch(
        (err: unknown) => {
          watch.stop();
          throw err;
        },
      );
      const memory = watch.stop();
      await settle();
      const direct =
        upstream === "none"
          ? singlePutRate
          : await directChunkedUpload(ws, upstream, `bench/direct-chunked-${upstream}.bin`, size, data, 4);
      const cpuPerGiB = (readCpuMs(pid) - cpuBefore) / 1000 / (size / 1024 ** 3);
      const growth = memory.peak - baseline;
      options.log(
        `  ${label}: ${formatRate(rate)} (${formatPercent(rate / direct)} of direct), app CPU ${cpuPerGiB.toFixed(2)} s/GiB, RSS +${formatMb(growth)}`,
      );
      figures.push(
        figure(
          section,
          `${label}: throughput via proxy + app vs the same direct`,
          `${formatRate(rate)} vs ${formatRate(direct)} direct: ${formatPercent(rate / direct)}`,
          {
            appBytesPerSecond: rate,
            directBytesPerSecond: direct,
            ratio: rate / direct,
          },
        ),
        figure(section, `${label}: app CPU per GiB`, `${cpuPerGiB.toFixed(2)} s`, {
          cpuSecondsPerGiB: cpuPerGiB,
        }),
        figure(
          section,
          `${label}: app RSS peak growth`,
          `+${formatMb(growth)} over ${formatMb(baseline)}`,
          { baselineBytes: baseline, peakBytes: memory.peak, growthBytes: growth },
          { text: `growth < ${formatMb(RSS_GROWTH_TARGET)}`, met: growth < RSS_GROWTH_TARGET },
        ),
      );
    }
  } finally {
    ws.workspace.emulator.uploads.set(undefined);
  }
  return figures;
}
