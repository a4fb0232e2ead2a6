// Many transfers at once: 8 and then 32 uploads of 32 MiB started together, then as many
// downloads, straight to the app (with the headers the Apps proxy would inject), through a bare
// relay (bare-relay.ts: the ceiling of any extra Node.js hop here), and straight to the Files API
// emulator, rotating which goes first; each round's three back to back, medians of the rounds'
// ratios. Also the app process's CPU time per GiB it moved, and its peak RSS while 32 transfers
// run against its level before.

import { startRelayProcess } from "./bare-relay.js";
import { readCpuMs, readMemory, watchMemory } from "./process-stats.js";
import { type Figure, figure } from "./report.js";
import { atOnce, type TransferResult, type Transfers } from "./transfer-client.js";
import { formatBytes, formatMb, formatPercent, formatRate, median, sleep } from "./units.js";
import type { BenchWorkspace } from "./workspace.js";

export const CONCURRENT_WIDTHS = [8, 32] as const;
const FILE_SIZE = 32 * 1024 ** 2;
const UPLOAD_TARGET = 0.8;
const DOWNLOAD_TARGET = 0.9;
const CPU_PER_GIB_UPLOADED_TARGET_S = 1.0;
const RSS_GROWTH_TARGET = 100e6;

type Op = "upload" | "download";
type Route = "app" | "relay" | "direct";
const ROUTES: Route[] = ["app", "relay", "direct"];

export interface ConcurrentOptions {
  rounds: number;
  client: Transfers;
  log: (line: string) => void;
}

export async function benchConcurrentTransfers(
  ws: BenchWorkspace,
  options: ConcurrentOptions,
): Promise<Figure[]> {
  const relay = await startRelayProcess(
    ws.info.emulatorUrl,
    ws.info.users.find((u) => u.name === "alice")?.token ?? "",
  );
  try {
    return await measure(ws, options, relay.url);
  } finally {
    await relay.close();
  }
}

async function measure(ws: BenchWorkspace, options: ConcurrentOptions, relayUrl: string): Promise<Figure[]> {
  const { client } = options;
  const pid = ws.app.process.pid;
  const app = ws.app.direct("alice");
  const emulator = ws.emulator("alice");
  const appUrl = (op: string, i: number, query = "") =>
    `${app.base}/api/files/uploads/${op}?path=${encodeURIComponent(`bench/concurrent-${i}.bin`)}${query}`;
  const filesPath = (name: string, i: number) =>
    `/api/2.0/fs/files${ws.volumePath("uploads")}/bench/${name}-concurrent-${i}.bin`;
  const one: Record<Route, Record<Op, (i: number) => Promise<TransferResult>>> = {
    app: {
      upload: (i) =>
        client.upload(
          appUrl("upload", i, "&overwrite=true"),
          "POST",
          { ...app.headers, "x-requested-with": "volumes-browser" },
          FILE_SIZE,
        ),
      download: (i) => client.download(appUrl("download", i), app.headers),
    },
    relay: {
      upload: (i) =>
        client.upload(`${relayUrl}${filesPath("relay", i)}?overwrite=true`, "PUT", {}, FILE_SIZE),
      download: (i) => client.download(`${relayUrl}${filesPath("relay", i)}`, {}),
    },
    direct: {
      upload: (i) =>
        client.upload(
          `${emulator.base}${filesPath("direct", i)}?overwrite=true`,
          "PUT",
          emulator.headers,
          FILE_SIZE,
        ),
      download: (i) => client.download(`${emulator.base}${filesPath("direct", i)}`, emulator.headers),
    },
  };

  /** `width` transfers at once, numbered from `from`; their aggregate rate in bytes per second. */
  async function all(route: Route, op: Op, width: number, from = 0): Promise<number> {
    const started = performance.now();
    await atOnce(width, (i) => one[route][op](from + i), op === "download" ? FILE_SIZE : undefined);
    return (width * FILE_SIZE) / ((performance.now() - started) / 1000);
  }

  // Warm-up (JIT, pools, the per-user client) and every file the downloads will read, eight at a
  // time, so the level growth is measured from is not already the 32-at-once peak.
  const widest = Math.max(...CONCURRENT_WIDTHS);
  for (const route of ROUTES) {
    for (let from = 0; from < widest; from += 8) await all(route, "upload", 8, from);
  }
  await sleep(500);
  const baseline = readMemory(pid).rss;
  let peak = baseline;
  const cpuMs: Record<Op, number> = { upload: 0, download: 0 };
  const bytes: Record<Op, number> = { upload: 0, download: 0 };
  const figures: Figure[] = [];

  for (const width of CONCURRENT_WIDTHS) {
    const rates: Record<Op, Record<Route, number[]>> = {
      upload: { app: [], relay: [], direct: [] },
      download: { app: [], relay: [], direct: [] },
    };
    for (let round = 0; round < options.rounds; round++) {
      const order = ROUTES.map((_, i) => ROUTES[(i + round) % ROUTES.length] as Route);
      for (const op of ["upload", "download"] as const) {
        for (const route of order) {
          if (route !== "app") {
            rates[op][route].push(await all(route, op, width));
            continue;
          }
          const watch = width === widest ? watchMemory(pid) : undefined;
          const before = readCpuMs(pid);
          try {
            rates[op].app.push(await all("app", op, width));
          } finally {
            cpuMs[op] += readCpuMs(pid) - before;
            bytes[op] += width * FILE_SIZE;
            if (watch) peak = Math.max(peak, watch.stop().peak);
          }
        }
      }
      const last = (op: Op, route: Route) => formatRate(rates[op][route].at(-1) ?? 0);
      options.log(
        `  ${width} at once, round ${round + 1}/${options.rounds}: up app ${last("upload", "app")}, relay ${last("upload", "relay")}, direct ${last("upload", "direct")}; ` +
          `down app ${last("download", "app")}, relay ${last("download", "relay")}, direct ${last("download", "direct")}`,
      );
    }
    const section = `${width} × ${formatBytes(FILE_SIZE)} at once`;
    for (const op of ["upload", "download"] as const) {
      const direct = rates[op].direct;
      const ratioOf = (route: Route) => median(rates[op][route].map((r, i) => r / (direct[i] ?? Number.NaN)));
      const goal = op === "upload" ? UPLOAD_TARGET : DOWNLOAD_TARGET;
      for (const route of ["app", "relay"] as const) {
        const ratio = ratioOf(route);
        figures.push(
          figure(
            section,
            `${op}s via ${route === "app" ? "app" : "bare relay"} / direct`,
            `${formatPercent(ratio)} (${formatRate(median(rates[op][route]))} vs ${formatRate(median(direct))}, median of ${options.rounds} rounds)`,
            { ratio, bytesPerSecond: median(rates[op][route]), directBytesPerSecond: median(direct) },
            width === 8 && route === "app"
              ? { text: `≥ ${formatPercent(goal)} of direct`, met: ratio >= goal }
              : undefined,
          ),
        );
      }
    }
  }

  const perGiB = (op: Op) => cpuMs[op] / 1000 / (bytes[op] / 1024 ** 3);
  const growth = peak - baseline;
  figures.push(
    figure(
      "concurrent transfers",
      "app CPU per GiB, uploaded / downloaded",
      `${perGiB("upload").toFixed(2)} s / ${perGiB("download").toFixed(2)} s (over every app round, ${formatBytes(bytes.upload)} each way)`,
      { uploadCpuSecondsPerGiB: perGiB("upload"), downloadCpuSecondsPerGiB: perGiB("download") },
      {
        text: `≤ ${CPU_PER_GIB_UPLOADED_TARGET_S.toFixed(1)} s per GiB uploaded`,
        met: perGiB("upload") <= CPU_PER_GIB_UPLOADED_TARGET_S,
      },
    ),
    figure(
      "concurrent transfers",
      `app RSS: peak under ${widest} at once (growth over level before)`,
      `${formatMb(peak)} (+${formatMb(growth)} over ${formatMb(baseline)})`,
      { baselineBytes: baseline, peakBytes: peak, growthBytes: growth },
      { text: `growth < ${formatMb(RSS_GROWTH_TARGET)}`, met: growth < RSS_GROWTH_TARGET },
    ),
  );
  return figures;
}
