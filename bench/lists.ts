// Listing a 100-entry folder under load (autocannon): a cached service-principal list, the same
// list with the cache off (a second app process with FILES_CACHE_TTL=0), and an on-behalf-of-user
// list, each straight to the app (with the headers the proxy would inject) and through the Apps
// proxy, versus the Files API emulator directly. Targets rotate within a round; medians of rounds.
// The uncached and on-behalf-of-user lists are also given as ratios to the emulator direct, each
// round's pair measured back to back, with the app's CPU time per 1,000 requests. A bare relay
// (bare-relay.ts) shows the ceiling: what any extra Node.js hop reaches on this machine.
//
// The app's own cost of a cached list is read from the app's log: the request log records each
// request's ms (arrival to response written), which leaves out the client, the loopback hop and
// the HTTP parsing in autocannon; the app-direct latency is printed beside it as an upper bound.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import autocannon from "autocannon";
import { startRelayProcess } from "./bare-relay.js";
import { readCpuMs } from "./process-stats.js";
import { type Figure, figure } from "./report.js";
import { formatMs, formatPercent, median, percentile, sleep } from "./units.js";
import type { BenchWorkspace, Target } from "./workspace.js";

export const FOLDER = "bench-list";
const FOLDER_ENTRIES = 100;
const CACHED_P50_TARGET_MS = 1;
/** Uncached and on-behalf-of-user lists at 50 connections, as a share of the emulator direct. */
const CONCURRENT_LIST_TARGET = 0.9;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export function cannon(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  return new Promise<Run>((resolve, reject) => {
    const durations: number[] = [];
    const instance = autocannon(
      { url, headers, connections, duration: seconds, timeout: 10 },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          rps: result.requests.total / (result.duration || seconds),
          p50: percentile(durations, 50),
          p99: percentile(durations, 99),
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    // autocannon's own histogram has 1 ms buckets; the per-response times are exact.
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status < 300) durations.push(ms);
    });
  });
}

export async function makeListFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const body = "x".repeat(1000);
  for (let i = 0; i < FOLDER_ENTRIES; i++) {
    await writeFile(path.join(dir, `file-${String(i).padStart(3, "0")}.txt`), body);
  }
}

interface Case {
  kind: string;
  via: "app" | "proxy" | "emulator" | "bare relay";
  url: string;
  target: Target;
  /** Read the app's own time from this app's log. */
  log?: BenchWorkspace["app"]["log"];
  /** The process whose CPU time per request is reported (the app, or the relay). */
  pid?: number;
  /** Reported as a ratio to this case's rate, paired round by round. */
  versus?: Case;
}

export interface ListOptions {
  seconds: number;
  rounds: number;
  log: (line: string) => void;
  notes: string[];
}

export async function benchLists(ws: BenchWorkspace, options: ListOptions): Promise<Figure[]> {
  for (const key of ["shared", "uploads"]) await makeListFolder(path.join(ws.volumeDir(key), FOLDER));
  const uncached = await ws.startVariant({ FILES_CACHE_TTL: "0" });
  const emulatorListPath = (volume: string) => `/api/2.0/fs/directories${ws.volumePath(volume)}/${FOLDER}`;
  const relay = await startRelayProcess(ws.info.emulatorUrl, ws.info.servicePrincipal.token);
  try {
    const list = (base: string, volume: string) => `${base}/api/files/${volume}/list?path=${FOLDER}`;
    const appDirect = ws.app.direct("alice");
    const uncachedDirect = uncached.app.direct("alice");
    const proxy = ws.viaProxy("alice");
    const spDirect: Case = {
      kind: "SP list",
      via: "emulator",
      url: `${ws.info.emulatorUrl}${emulatorListPath("shared")}`,
      target: ws.emulator("sp"),
    };
    const userDirect: Case = {
      kind: "user list",
      via: "emulator",
      url: `${ws.info.emulatorUrl}${emulatorListPath("uploads")}`,
      target: ws.emulator("alice"),
    };
    const cases: Case[] = [
      {
        kind: "cached SP list",
        via: "app",
        url: list(appDirect.base, "shared"),
        target: appDirect,
        log: ws.app.log,
        pid: ws.app.process.pid,
      },
      { kind: "cached SP list", via: "proxy", url: list(proxy.base, "shared"), target: proxy },
      {
        kind: "uncached SP list",
        via: "app",
        url: list(uncachedDirect.base, "shared"),
        target: uncachedDirect,
        log: uncached.app.log,
        pid: uncached.app.process.pid,
        versus: spDirect,
      },
      { kind: "uncached SP list", via: "proxy", url: list(uncached.proxyUrl, "shared"), target: proxy },
      spDirect,
      {
        kind: "uncached SP list",
        via: "bare relay",
        url: `${relay.url}${emulatorListPath("shared")}`,
        target: { base: relay.url, headers: {} },
        pid: relay.pid,
        versus: spDirect,
      },
      {
        kind: "on-behalf-of-user list",
        via: "app",
        url: list(appDirect.base, "uploads"),
        target: appDirect,
        log: ws.app.log,
        pid: ws.app.process.pid,
        versus: userDirect,
      },
      { kind: "on-behalf-of-user list", via: "proxy", url: list(proxy.base, "uploads"), target: proxy },
      userDirect,
    ];
    // Each path once, so caches, pools and the JIT are warm before anything is measured.
    for (const c of cases) await cannon(c.url, c.target.headers, 1, 1);

    const figures: Figure[] = [];
    for (const connections of [1, 50]) {
      const runs = new Map<Case, Run[]>(cases.map((c) => [c, []]));
      const appTimes = new Map<Case, number[]>();
      const cpuPerThousand = new Map<Case, number[]>();
      for (let round = 0; round < options.rounds; round++) {
        const order = cases.map((_, i) => cases[(i + round) % cases.length] as Case);
        for (const c of order) {
          c.log?.record(true);
          const from = Date.now();
          const cpuBefore = c.pid ? readCpuMs(c.pid) : 0;
          const run = await cannon(c.url, c.target.headers, connections, options.seconds);
          const to = Date.now();
          if (c.pid) {
            const cpuMs = readCpuMs(c.pid) - cpuBefore;
            const requests = run.rps * options.seconds;
            cpuPerThousand.set(c, [...(cpuPerThousand.get(c) ?? []), (cpuMs / requests) * 1000]);
          }
          if (c.log) {
            await sleep(300); // the app's log lines arrive through a pipe
            appTimes.set(c, [...(appTimes.get(c) ?? []), ...c.log.responseTimes(from, to)]);
            c.log.record(false);
          }
          if (run.non2xx > 0 || run.errors > 0) {
            options.notes.push(
              `${c.kind} via ${c.via} (${connections} conn): ${run.non2xx} non-2xx, ${run.errors} errors`,
            );
          }
          runs.get(c)?.push(run);
        }
      }
      const section = `list ${FOLDER_ENTRIES} entries, ${connections} conn`;
      for (const c of cases) {
        const rs = runs.get(c) ?? [];
        const m = {
          rps: median(rs.map((r) => r.rps)),
          p50: median(rs.map((r) => r.p50)),
          p99: median(rs.map((r) => r.p99)),
        };
        const own = appTimes.get(c);
        const ownText = own && own.length > 0 ? `; app's own p50 ${formatMs(percentile(own, 50))}` : "";
        figures.push(
          figure(
            section,
            `${c.kind} via ${c.via}`,
            `${Math.round(m.rps)} req/s, p50 ${formatMs(m.p50)}, p99 ${formatMs(m.p99)}${ownText}`,
            {
              rps: m.rps,
              p50Ms: m.p50,
              p99Ms: m.p99,
              ...(own && own.length > 0
                ? { appOwnP50Ms: percentile(own, 50), appOwnP99Ms: percentile(own, 99) }
                : {}),
            },
          ),
        );
        if (connections === 1 && c.kind === "cached SP list" && c.via === "app") {
          const ownP50 = own && own.length > 0 ? percentile(own, 50) : Number.NaN;
          figures.push(
            figure(
              "list: app cost",
              "cached SP list, app's own time (request log ms)",
              `p50 ${formatMs(ownP50)} (app-direct round trip p50 ${formatMs(m.p50)}, ${own?.length ?? 0} requests)`,
              { appOwnP50Ms: ownP50, appDirectP50Ms: m.p50 },
              { text: `p50 < ${CACHED_P50_TARGET_MS} ms`, met: ownP50 < CACHED_P50_TARGET_MS },
            ),
          );
        }
      }
      figures.push(...ratioFigures(cases, runs, cpuPerThousand, connections));
      options.log(`  ${connections} connection(s): done`);
    }
    return figures;
  } finally {
    await relay.close();
    await uncached.close();
  }
}

/**
 * Each case measured against another (the app against the emulator direct) as the median of the
 * rounds' ratios, each round's pair back to back; and the CPU time its process spent per 1,000
 * requests (the cached list has no pair but its CPU time is reported too).
 */
function ratioFigures(
  cases: Case[],
  runs: Map<Case, Run[]>,
  cpuPerThousand: Map<Case, number[]>,
  connections: number,
): Figure[] {
  const section = `list ratios, ${connections} conn`;
  const figures: Figure[] = [];
  for (const c of cases) {
    const cpu = cpuPerThousand.get(c);
    const cpuText = cpu ? `; CPU ${(median(cpu) / 1000).toFixed(2)} s per 1,000 requests` : "";
    const cpuData: Record<string, number> = cpu ? { cpuSecondsPer1000: median(cpu) / 1000 } : {};
    if (!c.versus) {
      if (cpu && c.via === "app") {
        figures.push(figure(section, `${c.kind} via app: app CPU`, cpuText.slice(2), cpuData));
      }
      continue;
    }
    const mine = runs.get(c) ?? [];
    const theirs = runs.get(c.versus) ?? [];
    const ratio = median(mine.map((r, i) => r.rps / (theirs[i]?.rps ?? Number.NaN)));
    const target =
      connections === 50 && c.via === "app"
        ? {
            text: `≥ ${formatPercent(CONCURRENT_LIST_TARGET)} of direct`,
            met: ratio >= CONCURRENT_LIST_TARGET,
          }
        : undefined;
    figures.push(
      figure(
        section,
        `${c.kind} via ${c.via} / ${c.versus.kind} direct`,
        `${formatPercent(ratio)} (${Math.round(median(mine.map((r) => r.rps)))} vs ${Math.round(median(theirs.map((r) => r.rps)))} req/s)${cpuText}`,
        { ratio, ...cpuData },
        target,
      ),
    );
  }
  return figures;
}
