// One large file up and down through the Apps proxy and the app, and straight to the Files API
// emulator, rotating which goes first in each run; medians of the runs. Also through the app
// without the proxy hop (with the headers the proxy would inject), which separates the app's
// own cost from the local proxy's, and the app process's CPU time per GiB and peak RSS (VmHWM)
// against its level after warm-up.
import { readCpuMs, readMemory, watchMemory } from "./process-stats.js";
import { type Figure, figure } from "./report.js";
import { type TransferResult, type Transfers, throughput } from "./transfer-client.js";
import { formatBytes, formatMb, formatPercent, formatRate, median, sleep } from "./units.js";
import type { BenchWorkspace, Target } from "./workspace.js";

const UPLOAD_TARGET = 0.7;
const DOWNLOAD_TARGET = 0.8;
export const RSS_GROWTH_TARGET = 150e6;

type Route = "proxy" | "app" | "direct";
const ROUTES: Route[] = ["proxy", "app", "direct"];

interface Path {
  upload(): Promise<TransferResult>;
  download(): Promise<TransferResult>;
}

function checked(what: string, size: number, run: () => Promise<TransferResult>) {
  return async () => {
    const result = await run();
    if (result.status >= 300) throw new Error(`${what}: HTTP ${result.status} ${result.error ?? ""}`);
    if (result.bytes !== size) throw new Error(`${what}: moved ${result.bytes} bytes, expected ${size}`);
    return result;
  };
}

function pathsFor(ws: BenchWorkspace, client: Transfers, size: number, name: string): Record<Route, Path> {
  const viaApp = (route: Route, target: Target): Path => {
    const url = (op: string, query = "") =>
      `${target.base}/api/files/uploads/${op}?path=${encodeURIComponent(`bench/${route}-${name}`)}${query}`;
    const upHeaders = { ...target.headers, "x-requested-with": "volumes-browser" };
    return {
      upload: checked(`upload via ${route}`, size, () =>
        client.upload(url("upload", "&overwrite=true"), "POST", upHeaders, size),
      ),
      download: checked(`download via ${route}`, size, () =>
        client.download(url("download"), target.headers),
      ),
    };
  };
  const emulator = ws.emulator("alice");
  const directUrl = `${emulator.base}/api/2.0/fs/files${ws.volumePath("uploads")}/bench/direct-${name}`;
  return {
    proxy: viaApp("proxy", ws.viaProxy("alice")),
    app: viaApp("app", ws.app.direct("alice")),
    direct: {
      upload: checked("direct upload", size, () =>
        client.upload(`${directUrl}?overwrite=true`, "PUT", emulator.headers, size),
      ),
      download: checked("direct download", size, () => client.download(directUrl, emulator.headers)),
    },
  };
}

export interface TransferOptions {
  size: number;
  runs: number;
  client: Transfers;
  log: (line: string) => void;
}

export async function benchTransfers(ws: BenchWorkspace, options: TransferOptions): Promise<Figure[]> {
  const { size, runs, client, log } = options;
  const pid = ws.app.process.pid;
  // Warm-up: JIT, connection pools, the per-user client; then the level growth is measured from.
  const warm = pathsFor(ws, client, 8 * 1024 * 1024, "warm.bin");
  for (const route of ROUTES) {
    await warm[route].upload();
    await warm[route].download();
  }
  await sleep(500);
  const baseline = readMemory(pid).rss;

  const paths = pathsFor(ws, client, size, "large.bin");
  const rates = { up: new Map<Route, number[]>(), down: new Map<Route, number[]>() };
  const cpu = { up: [] as number[], down: [] as number[] };
  const proxyCpu = { up: [] as number[], down: [] as number[] };
  let peak = baseline;
  const timed = async (route: Route, op: "up" | "down") => {
    const watch = route === "direct" ? undefined : watchMemory(pid);
    const cpuBefore = readCpuMs(pid);
    const proxyBefore = readCpuMs(ws.proxyPid);
    try {
      const result = await (op === "up" ? paths[route].upload() : paths[route].download());
      if (route === "proxy") {
        cpu[op].push(readCpuMs(pid) - cpuBefore);
        proxyCpu[op].push(readCpuMs(ws.proxyPid) - proxyBefore);
      }
      rates[op].set(route, [...(rates[op].get(route) ?? []), throughput(result)]);
    } finally {
      if (watch) peak = Math.max(peak, watch.stop().peak);
    }
  };
  for (let run = 0; run < runs; run++) {
    // Rotate the order so no route always runs first (or always right after another's writes).
    const order = ROUTES.map((_, i) => ROUTES[(i + run) % ROUTES.length] as Route);
    for (const route of order) await timed(route, "up");
    for (const route of [...order].reverse()) await timed(route, "down");
    const last = (op: "up" | "down", r: Route) => formatRate(rates[op].get(r)?.at(-1) ?? 0);
    log(
      `  run ${run + 1}/${runs}: up proxy ${last("up", "proxy")}, app ${last("up", "app")}, direct ${last("up", "direct")}; ` +
        `down proxy ${last("down", "proxy")}, app ${last("down", "app")}, direct ${last("down", "direct")}`,
    );
  }

  const section = `transfer ${formatBytes(size)}`;
  const m = (op: "up" | "down", r: Route) => median(rates[op].get(r) ?? []);
  // Each run's pair was measured back to back, so the ratio is the median of the runs' ratios:
  // a machine that gets busier between runs moves both sides of a pair, not one.
  const ratio = (op: "up" | "down", r: Route) => {
    const direct = rates[op].get("direct") ?? [];
    return median((rates[op].get(r) ?? []).map((rate, i) => rate / (direct[i] ?? Number.NaN)));
  };
  const growth = peak - baseline;
  const perGiB = (ms: number[]) => median(ms) / (size / 1024 ** 3);
  const row = (op: "up" | "down", r: Route) =>
    `${formatRate(m(op, r))} vs ${formatRate(m(op, "direct"))} direct: ${formatPercent(ratio(op, r))} (median of ${runs} paired runs)`;
  const data = (op: "up" | "down", r: Route) => ({
    bytesPerSecond: m(op, r),
    directBytesPerSecond: m(op, "direct"),
    ratio: ratio(op, r),
    runs,
  });
  return [
    figure(section, "upload via proxy + app", row("up", "proxy"), data("up", "proxy"), {
      text: `≥ ${formatPercent(UPLOAD_TARGET)} of direct`,
      met: ratio("up", "proxy") >= UPLOAD_TARGET,
    }),
    figure(section, "download via proxy + app", row("down", "proxy"), data("down", "proxy"), {
      text: `≥ ${formatPercent(DOWNLOAD_TARGET)} of direct`,
      met: ratio("down", "proxy") >= DOWNLOAD_TARGET,
    }),
    figure(section, "upload via app only (no proxy hop)", row("up", "app"), data("up", "app")),
    figure(section, "download via app only (no proxy hop)", row("down", "app"), data("down", "app")),
    figure(
      section,
      "CPU time per GiB, up / down: app; local Apps proxy",
      `app ${(perGiB(cpu.up) / 1000).toFixed(2)} s / ${(perGiB(cpu.down) / 1000).toFixed(2)} s; ` +
        `proxy ${(perGiB(proxyCpu.up) / 1000).toFixed(2)} s / ${(perGiB(proxyCpu.down) / 1000).toFixed(2)} s`,
      {
        appUploadCpuMsPerGiB: perGiB(cpu.up),
        appDownloadCpuMsPerGiB: perGiB(cpu.down),
        proxyUploadCpuMsPerGiB: perGiB(proxyCpu.up),
        proxyDownloadCpuMsPerGiB: perGiB(proxyCpu.down),
      },
    ),
    figure(
      section,
      "app RSS: peak (growth over warm level)",
      `${formatMb(peak)} (+${formatMb(growth)} over ${formatMb(baseline)})`,
      { baselineBytes: baseline, peakBytes: peak, growthBytes: growth },
      { text: `growth < ${formatMb(RSS_GROWTH_TARGET)}`, met: growth < RSS_GROWTH_TARGET },
    ),
  ];
}
