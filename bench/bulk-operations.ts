// Bulk operations under the Files API's rate limit: a zip of a folder of many files, a folder
// copy and a recursive delete, through the app with its pacing on (FILES_UPSTREAM_RATE_LIMIT's
// default) against the emulator with its limit on (10 in flight, 100/s per principal). Reports
// the 429s the emulator answered and the peak concurrency and requests per second it saw, and,
// for contrast, the same delete by an app that does not pace itself.
//
// The other sections compare the app with the emulator at 50 connections; they run with both
// limits off (bench.ts), or the direct client would be turned away with 429s.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { request } from "undici";
import { DEFAULT_RATE_LIMIT } from "../local-workspace/emulator/index.js";
import { type Figure, figure } from "./report.js";
import { benchAgent } from "./transfer-client.js";
import { formatMs } from "./units.js";
import type { BenchWorkspace, Target } from "./workspace.js";

const VOLUME = "uploads";
const FOLDERS = 10;

interface Outcome {
  status: number;
  ms: number;
  body: string;
  rateLimited: number;
  peakConcurrent: number;
  peakPerSecond: number;
  requests: number;
}

async function makeFolder(dir: string, files: number): Promise<void> {
  for (let f = 0; f < FOLDERS; f++) {
    const sub = path.join(dir, `part-${f}`);
    await mkdir(sub, { recursive: true });
    for (let i = f; i < files; i += FOLDERS)
      await writeFile(path.join(sub, `file-${i}.csv`), `id,value\n${i},x\n`);
  }
}

async function measured(
  ws: BenchWorkspace,
  run: () => Promise<{ status: number; body: string }>,
): Promise<Outcome> {
  const stats = ws.workspace.emulator.stats;
  stats.reset();
  const started = performance.now();
  const { status, body } = await run();
  const ms = performance.now() - started;
  const s = stats.snapshot();
  return {
    status,
    ms,
    body,
    rateLimited: s.rateLimited,
    peakConcurrent: s.peakConcurrent,
    peakPerSecond: s.peakPerSecond,
    requests: s.totalRequests,
  };
}

async function call(target: Target, method: "GET" | "POST" | "DELETE", url: string, json?: unknown) {
  const res = await request(`${target.base}${url}`, {
    method,
    headers: {
      ...target.headers,
      "x-requested-with": "volumes-browser",
      ...(json ? { "content-type": "application/json" } : {}),
    },
    body: json ? JSON.stringify(json) : undefined,
    dispatcher: benchAgent,
  });
  if (method === "GET") {
    let bytes = 0;
    for await (const chunk of res.body) bytes += (chunk as Buffer).length;
    return { status: res.statusCode, body: `${bytes} bytes` };
  }
  return { status: res.statusCode, body: await res.body.text() };
}

function figuresOf(name: string, o: Outcome, files: number): Figure[] {
  const section = "bulk";
  const ok = o.status === 200;
  const limit = DEFAULT_RATE_LIMIT;
  return [
    figure(
      section,
      `${name}: 429s`,
      `${o.rateLimited} of ${o.requests} requests; HTTP ${o.status} in ${formatMs(o.ms)} (${files} files)`,
      { rateLimited: o.rateLimited, requests: o.requests, status: o.status, ms: Math.round(o.ms) },
      { text: "0, and HTTP 200", met: ok && o.rateLimited === 0 },
    ),
    figure(
      section,
      `${name}: peak upstream`,
      `${o.peakConcurrent} in flight, ${o.peakPerSecond}/s`,
      { peakConcurrent: o.peakConcurrent, peakPerSecond: o.peakPerSecond },
      {
        text: `≤ ${limit.concurrent} in flight, ≤ ${limit.perSecond}/s`,
        met: o.peakConcurrent <= limit.concurrent && o.peakPerSecond <= limit.perSecond,
      },
    ),
  ];
}

export async function benchBulkOperations(
  ws: BenchWorkspace,
  options: { files: number; log: (line: string) => void },
): Promise<Figure[]> {
  const { files, log } = options;
  const emulator = ws.workspace.emulator;
  const before = emulator.rateLimit.current();
  emulator.rateLimit.set(DEFAULT_RATE_LIMIT);
  // An app with the default pace (the bench's main app runs with pacing off, see bench.ts).
  const paced = await ws.startVariant({ FILES_UPSTREAM_RATE_LIMIT: "8,80" });
  try {
    const alice: Target = { base: paced.proxyUrl, headers: ws.viaProxy("alice").headers };
    await makeFolder(path.join(ws.volumeDir(VOLUME), "bulk"), files);
    const figures: Figure[] = [];
    const zip = await measured(ws, () => call(alice, "GET", `/api/files/${VOLUME}/zip?path=bulk`));
    log(`  zip: HTTP ${zip.status}, ${zip.body}, ${zip.rateLimited} × 429, ${formatMs(zip.ms)}`);
    figures.push(...figuresOf("zip of a folder", zip, files));
    const copy = await measured(ws, () =>
      call(alice, "POST", `/api/files/${VOLUME}/copy`, { from: "bulk", to: "bulk-copy" }),
    );
    log(`  copy: HTTP ${copy.status}, ${copy.rateLimited} × 429, ${formatMs(copy.ms)}`);
    figures.push(...figuresOf("folder copy", copy, files));
    const del = await measured(ws, () =>
      call(alice, "DELETE", `/api/files/${VOLUME}?path=bulk-copy&recursive=true`),
    );
    log(`  delete: HTTP ${del.status}, ${del.rateLimited} × 429, ${formatMs(del.ms)}`);
    figures.push(...figuresOf("recursive delete", del, files));
    // For contrast: the bench's main app does not pace itself (FILES_UPSTREAM_RATE_LIMIT=off).
    await new Promise((r) => setTimeout(r, 1_100)); // a full bucket for a fair start
    const unpacedTarget: Target = { base: ws.app.process.url, headers: ws.app.direct("alice").headers };
    const unpaced = await measured(ws, () =>
      call(unpacedTarget, "DELETE", `/api/files/${VOLUME}?path=bulk&recursive=true`),
    );
    log(`  unpaced delete: HTTP ${unpaced.status}, ${unpaced.rateLimited} × 429`);
    figures.push(
      figure(
        "bulk",
        "recursive delete, app not pacing: 429s (retried)",
        `${unpaced.rateLimited} of ${unpaced.requests} requests; HTTP ${unpaced.status}; peak ${unpaced.peakConcurrent} in flight, ${unpaced.peakPerSecond}/s`,
        { rateLimited: unpaced.rateLimited, status: unpaced.status },
      ),
    );
    return figures;
  } finally {
    await paced.close();
    emulator.rateLimit.set(before);
  }
}
