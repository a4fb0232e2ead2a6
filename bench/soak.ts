// `npm run soak`: a bounded mixed workload (browse, preview, upload, download, delete) by alice,
// bob and carol across every demo volume, through the Apps proxy to the app in its own process.
// Clean means: zero unexpected answers (a refusal the access model predicts is expected), and the
// app's RSS at the end within a small margin of its level after warm-up, both read right after a
// forced full GC (app-gc.ts), so the comparison is of what the app retains.
import { stat } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../local-workspace/free-port.js";
import { collectGarbage } from "./app-gc.js";
import { parseSoakArgs } from "./args.js";
import { PROJECT_DIR } from "./build.js";
import { describeMachine } from "./machine.js";
import { readMemory } from "./process-stats.js";
import { type Figure, figure, machineLine, textTable, writeRecord } from "./report.js";
import { USERS } from "./soak-model.js";
import { type OpResult, SoakWorker } from "./soak-workload.js";
import { formatMb, formatMs, median, percentile, sleep } from "./units.js";
import { startBenchWorkspace } from "./workspace.js";

/** The end level may exceed the warm level by this much (or by RSS_MARGIN_RATIO of it, if larger). */
const RSS_MARGIN_BYTES = 25e6;
const RSS_MARGIN_RATIO = 0.1;

const options = parseSoakArgs(process.argv.slice(2));
const machine = describeMachine();
const startedAt = new Date().toISOString();
const log = (line: string) => console.log(line);
log(
  `npm run soak: ${options.durationMs / 1000} s (warm-up ${options.warmupMs / 1000} s), ${options.workersPerUser} worker(s) per user; ${machineLine(machine)}`,
);

const inspectPort = await freePort();
const ws = await startBenchWorkspace({ log, nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] });
const pid = ws.app.process.pid;
const results: OpResult[] = [];
const unexpected: OpResult[] = [];
/** [seconds since start, RSS] every second, under load and between phases. */
const samples: Array<[number, number]> = [];
const started = Date.now();

const sampler = setInterval(() => {
  try {
    samples.push([Math.round((Date.now() - started) / 1000), readMemory(pid).rss]);
  } catch {
    // The app is gone; the run fails below.
  }
}, 1000);
const progress = setInterval(() => {
  const s = Math.round((Date.now() - started) / 1000);
  const rss = formatMb(samples.at(-1)?.[1] ?? 0);
  log(`  ${s} s: ${results.length} operations, ${unexpected.length} unexpected, app RSS ${rss}`);
}, 15_000);

const sizeOnDisk = (volume: string, rel: string) =>
  stat(path.join(ws.volumeDir(volume), rel)).then(
    (s) => s.size,
    () => undefined,
  );
const workers = USERS.flatMap((user) =>
  Array.from(
    { length: options.workersPerUser },
    (_, i) => new SoakWorker(user, i, ws.viaProxy(user), sizeOnDisk),
  ),
);
const onResult = (r: OpResult) => {
  results.push(r);
  if (r.status === r.expected && !r.problem) return;
  unexpected.push(r);
  if (unexpected.length <= 20) {
    const why = r.problem ? ` (${r.problem})` : "";
    log(`  ✗ ${r.user} ${r.op} ${r.volume}:${r.path} → ${r.status}, expected ${r.expected}${why}`);
  }
};
/** The workload until `until`, then the app's RSS after a full GC. */
async function phase(until: number): Promise<number> {
  await Promise.all(workers.map((w) => w.run(until, onResult)));
  await collectGarbage(inspectPort);
  await sleep(1000);
  return readMemory(pid).rss;
}

let warm = Number.NaN;
let end = Number.NaN;
try {
  warm = await phase(started + options.warmupMs);
  log(`  warm-up done: app RSS after a full GC ${formatMb(warm)}`);
  end = await phase(started + options.durationMs);
} finally {
  clearInterval(sampler);
  clearInterval(progress);
}
const appAlive = ws.app.process.child.exitCode === null;
const appErrors = [...ws.app.log.errors];
await ws.close();

const seconds = (Date.now() - started) / 1000;
const underLoad = samples.map(([, rss]) => rss);
const peak = Math.max(...underLoad);
const margin = Math.max(RSS_MARGIN_BYTES, warm * RSS_MARGIN_RATIO);

const section = "soak";
const figures: Figure[] = [
  figure(
    section,
    "operations",
    `${results.length} in ${seconds.toFixed(0)} s (${(results.length / seconds).toFixed(0)}/s), ${workers.length} workers`,
    { operations: results.length, seconds },
  ),
];
for (const op of ["browse", "preview", "upload", "download", "delete"] as const) {
  const of = results.filter((r) => r.op === op);
  const refused = of.filter((r) => r.expected === 403).length;
  const ms = of.map((r) => r.ms);
  figures.push(
    figure(
      section,
      op,
      `${of.length} (${refused} refused as expected), p50 ${formatMs(median(ms))}, p99 ${formatMs(percentile(ms, 99))}`,
      { count: of.length, refusedAsExpected: refused, p50Ms: median(ms), p99Ms: percentile(ms, 99) },
    ),
  );
}
figures.push(
  figure(
    section,
    "unexpected answers",
    String(unexpected.length),
    { unexpected: unexpected.length },
    {
      text: "0",
      met: unexpected.length === 0,
    },
  ),
  figure(
    section,
    "app errors logged (level ≥ error)",
    String(appErrors.length),
    { appErrors: appErrors.length },
    { text: "0", met: appErrors.length === 0 },
  ),
  figure(section, "app RSS under load: median, peak", `${formatMb(median(underLoad))}, ${formatMb(peak)}`, {
    medianBytes: median(underLoad),
    peakBytes: peak,
  }),
  figure(
    section,
    "app RSS after full GC: end vs after warm-up",
    `${formatMb(end)} vs ${formatMb(warm)} (${end >= warm ? "+" : ""}${formatMb(end - warm)})`,
    { warmBytes: warm, endBytes: end, marginBytes: margin },
    { text: `within +${formatMb(margin)}`, met: appAlive && end - warm <= margin },
  ),
);

const notes = [
  `RSS levels are read 1 s after a full GC forced through the app's inspector, at the end of the ${options.warmupMs / 1000} s warm-up and at the end; under load RSS saw-tooths with V8's major GCs.`,
  `RSS each second (s:MB): ${samples.map(([s, rss]) => `${s}:${Math.round(rss / 1e6)}`).join(" ")}`,
  ...(appAlive ? [] : ["The app process exited during the soak."]),
  ...appErrors.slice(0, 3).map((line) => `App error: ${line.slice(0, 300)}`),
];
log(`\n${textTable(figures)}\n`);
for (const note of notes.slice(0, 1).concat(notes.slice(2))) log(`Note: ${note}`);
const files = await writeRecord(path.resolve(PROJECT_DIR, options.outDir), {
  kind: "soak",
  startedAt,
  seconds,
  options: { ...options },
  machine,
  figures,
  notes,
});
log(`Written: ${files.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
const clean = figures.every((f) => f.met !== false);
log(clean ? "The soak ran clean." : "The soak did NOT run clean.");
process.exit(clean ? 0 : 1);
