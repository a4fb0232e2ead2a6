// Reads a V8 `.cpuprofile` (node --cpu-prof) and names where the time went: busy time, self time
// per function, inclusive time per function (everything under it), and self time per package.
// Self time says what to make cheaper; inclusive time says which of our functions it was for.
import { readFile } from "node:fs/promises";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  /** Microseconds on the monotonic clock (the one process.hrtime reads, in every process). */
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CostLine {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  /** Sampled time that was not idle, in ms. */
  busyMs: number;
  gcMs: number;
  topSelf: CostLine[];
  /** Inclusive time of the app's own functions (dist/server, shared). */
  topAppInclusive: CostLine[];
  byPackage: CostLine[];
}

const IDLE = new Set(["(idle)", "(program)", "(root)"]);

/** Where a frame's code lives: a package, node's internals, the app, or V8 itself. */
export function packageOf(url: string): string {
  if (url === "") return "V8 / native";
  if (url.startsWith("node:")) return "node internals";
  const inModules = url.lastIndexOf("node_modules/");
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + "node_modules/".length).split("/");
    return first?.startsWith("@") ? `${first}/${second}` : (first ?? url);
  }
  const app = /\/dist\/(server|shared)\//.exec(url);
  if (app) return `app ${app[1]}/`;
  return url.split("/").slice(-2).join("/");
}

function frameName(frame: CallFrame): string {
  const file = frame.url.replace(/^.*\/(node_modules|dist)\//, "").replace(/^file:\/\//, "");
  if (frame.url === "") return frame.functionName || "(anonymous native)";
  return `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
}

const isAppFrame = (frame: CallFrame) => /\/dist\/(server|shared)\//.test(frame.url);

const top = (totals: Map<string, number>, n: number): CostLine[] =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000 }));

/** Microseconds on the clock the profile's startTime uses, for `fromUs`. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export interface SummaryOptions {
  topN?: number;
  /** Leave out samples before this (monotonicUs()): the process's startup, a warm-up. */
  fromUs?: number;
}

export function summarizeProfile(profile: CpuProfile, options: SummaryOptions = {}): ProfileSummary {
  const topN = options.topN ?? 25;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // Time per node: the delta after a sample belongs to that sample's node.
  const timeOf = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (options.fromUs !== undefined && at < options.fromUs) return;
    timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const packages = new Map<string, number>();
  let busy = 0;
  let gc = 0;
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  for (const [id, us] of timeOf) {
    const node = byId.get(id);
    if (!node || IDLE.has(node.callFrame.functionName)) continue;
    busy += us;
    const frame = node.callFrame;
    if (frame.functionName === "(garbage collector)") {
      gc += us;
      add(packages, "GC", us);
      add(self, "(garbage collector)", us);
      continue;
    }
    add(self, frameName(frame), us);
    add(packages, packageOf(frame.url), us);
    // Each of our functions on the stack once, however deep the recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (!f || !isAppFrame(f)) continue;
      const name = frameName(f);
      if (seen.has(name)) continue;
      seen.add(name);
      add(inclusive, name, us);
    }
  }
  return {
    busyMs: busy / 1000,
    gcMs: gc / 1000,
    topSelf: top(self, topN),
    topAppInclusive: top(inclusive, topN),
    byPackage: top(packages, 15),
  };
}

export async function summarizeProfileFile(file: string, options?: SummaryOptions): Promise<ProfileSummary> {
  return summarizeProfile(JSON.parse(await readFile(file, "utf8")) as CpuProfile, options);
}

/** The summary as Markdown, `per` naming the unit of work, e.g. "per 1,000 requests". */
export function profileMarkdown(title: string, summary: ProfileSummary, work: string): string {
  const pct = (ms: number) => `${((ms / summary.busyMs) * 100).toFixed(1)}%`;
  const rows = (lines: CostLine[]) =>
    lines.map((l) => `| ${l.name.replace(/\|/g, "\\|")} | ${l.ms.toFixed(0)} | ${pct(l.ms)} |`).join("\n");
  return [
    `### ${title}`,
    "",
    `${work}; busy ${summary.busyMs.toFixed(0)} ms of CPU, of which GC ${summary.gcMs.toFixed(0)} ms (${pct(summary.gcMs)}).`,
    "",
    "| package | self ms | share |",
    "|---|---|---|",
    rows(summary.byPackage),
    "",
    "| function (self time) | ms | share |",
    "|---|---|---|",
    rows(summary.topSelf),
    "",
    "| app function (inclusive time) | ms | share |",
    "|---|---|---|",
    rows(summary.topAppInclusive),
    "",
  ].join("\n");
}
