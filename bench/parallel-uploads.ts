// Several large uploads at once through the Apps proxy and the app: aggregate throughput (next
// to the same uploads sent straight to the emulator, alternating which goes first) and the app's
// peak RSS while they run.
import { readMemory, watchMemory } from "./process-stats.js";
import { type Figure, figure } from "./report.js";
import type { TransferResult, Transfers } from "./transfer-client.js";
import { RSS_GROWTH_TARGET } from "./transfers.js";
import { formatBytes, formatMb, formatPercent, formatRate, median, sleep } from "./units.js";
import type { BenchWorkspace } from "./workspace.js";

export interface ParallelOptions {
  count: number;
  size: number;
  rounds: number;
  client: Transfers;
  log: (line: string) => void;
}

export async function benchParallelUploads(ws: BenchWorkspace, options: ParallelOptions): Promise<Figure[]> {
  const { count, size, client } = options;
  const pid = ws.app.process.pid;
  const proxy = ws.viaProxy("alice");
  const emulator = ws.emulator("alice");
  const headers = { ...proxy.headers, "x-requested-with": "volumes-browser" };
  const viaApp = (i: number) =>
    client.upload(
      `${proxy.base}/api/files/uploads/upload?path=${encodeURIComponent(`bench/parallel-${i}.bin`)}&overwrite=true`,
      "POST",
      headers,
      size,
    );
  const direct = (i: number) =>
    client.upload(
      `${emulator.base}/api/2.0/fs/files${ws.volumePath("uploads")}/bench/direct-parallel-${i}.bin`,
      "PUT",
      emulator.headers,
      size,
    );

  async function all(one: (i: number) => Promise<TransferResult>): Promise<number> {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
    const failed = results.find((r) => r.status >= 300);
    if (failed) throw new Error(`an upload failed: HTTP ${failed.status} ${failed.error ?? ""}`);
    return (count * size) / ((performance.now() - started) / 1000);
  }

  await sleep(500);
  const baseline = readMemory(pid).rss;
  let peak = baseline;
  const appRates: number[] = [];
  const directRates: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const which of round % 2 === 0 ? ["app", "direct"] : ["direct", "app"]) {
      if (which === "direct") {
        directRates.push(await all(direct));
        continue;
      }
      const watch = watchMemory(pid);
      try {
        appRates.push(await all(viaApp));
      } finally {
        peak = Math.max(peak, watch.stop().peak);
      }
    }
    options.log(
      `  round ${round + 1}/${options.rounds}: via app ${formatRate(appRates.at(-1) ?? 0)}, direct ${formatRate(directRates.at(-1) ?? 0)}`,
    );
  }
  const appRate = median(appRates);
  const directRate = median(directRates);
  const ratio = median(appRates.map((r, i) => r / (directRates[i] ?? Number.NaN)));
  const growth = peak - baseline;
  const section = `${count} × ${formatBytes(size)} uploads at once`;
  return [
    figure(
      section,
      "aggregate throughput via proxy + app",
      `${formatRate(appRate)} vs ${formatRate(directRate)} direct: ${formatPercent(ratio)}`,
      { appBytesPerSecond: appRate, directBytesPerSecond: directRate, ratio, rounds: options.rounds },
    ),
    figure(
      section,
      "app RSS: peak (growth over level before)",
      `${formatMb(peak)} (+${formatMb(growth)} over ${formatMb(baseline)})`,
      { baselineBytes: baseline, peakBytes: peak, growthBytes: growth },
      { text: `growth < ${formatMb(RSS_GROWTH_TARGET)}`, met: growth < RSS_GROWTH_TARGET },
    ),
  ];
}
