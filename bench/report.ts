// Figures, the table printed at the end, and the files under bench-results/: a JSON record of
// the run and latest.md (the same table in Markdown, with the machine it came from).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Machine } from "./machine.js";

export interface Figure {
  section: string;
  name: string;
  /** As printed, e.g. "412 MiB/s (91% of direct)". */
  value: string;
  /** e.g. "≥ 70% of direct"; absent for figures reported without a target. */
  target?: string;
  met?: boolean;
  /** Machine-readable numbers behind `value`. */
  data?: Record<string, number | string | boolean>;
}

export function figure(
  section: string,
  name: string,
  value: string,
  data?: Figure["data"],
  target?: { text: string; met: boolean },
): Figure {
  return { section, name, value, data, ...(target ? { target: target.text, met: target.met } : {}) };
}

const status = (f: Figure) => (f.target === undefined ? "" : f.met ? "met" : "NOT MET");

export function textTable(figures: Figure[]): string {
  const rows = [["section", "figure", "value", "target", "status"]];
  for (const f of figures) rows.push([f.section, f.name, f.value, f.target ?? "", status(f)]);
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0] as string[]), rule, ...rows.slice(1).map(line)].join("\n");
}

export function markdownTable(figures: Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const lines = ["| section | figure | value | target | status |", "|---|---|---|---|---|"];
  for (const f of figures) {
    const mark = f.target === undefined ? "" : f.met ? "met" : "**not met**";
    lines.push(`| ${[f.section, f.name, f.value, f.target ?? ""].map(esc).join(" | ")} | ${mark} |`);
  }
  return lines.join("\n");
}

export function machineLine(m: Machine): string {
  return `${m.cpu} (${m.cores} cores), ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}`;
}

export interface RunRecord {
  kind: "bench" | "soak";
  startedAt: string;
  seconds: number;
  options: Record<string, unknown>;
  machine: Machine;
  figures: Figure[];
  notes: string[];
}

/** Writes `<kind>-<timestamp>.json` and `latest-<kind>.md` (bench: `latest.md`); returns their paths. */
export async function writeRecord(dir: string, record: RunRecord): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const stamp = record.startedAt.replace(/[:.]/g, "-");
  const json = path.join(dir, `${record.kind}-${stamp}.json`);
  await writeFile(json, `${JSON.stringify(record, null, 2)}\n`);
  const md = path.join(dir, record.kind === "bench" ? "latest.md" : `latest-${record.kind}.md`);
  const title = record.kind === "bench" ? "npm run bench" : "npm run soak";
  const body = [
    `# ${title}: ${record.startedAt}`,
    "",
    `Machine: ${machineLine(record.machine)}. Options: \`${JSON.stringify(record.options)}\`. Took ${record.seconds.toFixed(0)} s.`,
    "",
    markdownTable(record.figures),
    "",
    ...(record.notes.length > 0 ? ["Notes:", "", ...record.notes.map((n) => `- ${n}`), ""] : []),
  ].join("\n");
  await writeFile(md, body);
  return [json, md];
}
