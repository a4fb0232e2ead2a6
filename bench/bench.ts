// `npm run bench`: every performance claim as a number measured side by side in one run on
// loopback, printed as a table with each target marked met or not, and written to bench-results/.
import path from "node:path";
import { parseBenchArgs, type Section } from "./args.js";
import { benchBigFolder } from "./big-folder.js";
import { PROJECT_DIR } from "./build.js";
import { benchBulkOperations } from "./bulk-operations.js";
import { benchChunkedUploads } from "./chunked-uploads.js";
import { benchConcurrentTransfers, CONCURRENT_WIDTHS } from "./concurrent-transfers.js";
import { benchLists } from "./lists.js";
import { describeMachine } from "./machine.js";
import { type Figure, machineLine, textTable, writeRecord } from "./report.js";
import { startRemoteTransfers } from "./transfer-client.js";
import { benchTransfers } from "./transfers.js";
import { formatBytes } from "./units.js";
import { benchWholeFolder } from "./whole-folder.js";
import { startBenchWorkspace } from "./workspace.js";

const options = parseBenchArgs(process.argv.slice(2));
const started = Date.now();
const startedAt = new Date(started).toISOString();
const machine = describeMachine();
const log = (line: string) => console.log(line);
log(`npm run bench${options.quick ? " --quick" : ""}: ${machineLine(machine)}`);
log(
  `load average at start: ${machine.loadAverage.join(", ")} (the figures are side by side, so a busy machine slows both)`,
);

// Both rate limits off for the throughput sections, which compare the app with the emulator
// at 50 connections; the bulk section turns them on for itself (bulk-operations.ts).
const ws = await startBenchWorkspace({
  log,
  env: { LOCAL_WORKSPACE_RATE_LIMIT: "off", FILES_UPSTREAM_RATE_LIMIT: "off" },
});
const client = startRemoteTransfers();
const figures: Figure[] = [];
const notes: string[] = [];
let failed = false;

const SECTION_RUNNERS: Record<Section, () => Promise<Figure[]>> = {
  transfers: () => {
    log(`\n▶ transfer: ${formatBytes(options.size)} up and down, ${options.runs} run(s)`);
    return benchTransfers(ws, { size: options.size, runs: options.runs, client, log });
  },
  lists: () => {
    log(
      `\n▶ list: cached SP, uncached SP, on-behalf-of-user; 1 and 50 connections; ${options.listRounds} round(s) of ${options.listSeconds} s`,
    );
    return benchLists(ws, { seconds: options.listSeconds, rounds: options.listRounds, log, notes });
  },
  "big-folder": () => {
    log(`\n▶ big folder: ${options.bigFolderEntries.toLocaleString("en")} entries`);
    return benchBigFolder(ws, { entries: options.bigFolderEntries, log });
  },
  "concurrent-transfers": () => {
    log(
      `\n▶ ${CONCURRENT_WIDTHS.join(" and ")} transfers of 32 MiB at once, up and down, via the app and direct; ${options.concurrentRounds} round(s)`,
    );
    return benchConcurrentTransfers(ws, { rounds: options.concurrentRounds, client, log });
  },
  bulk: () => {
    log(`\n▶ bulk operations under the Files API rate limit: a folder of ${options.bulkFiles} files`);
    return benchBulkOperations(ws, { files: options.bulkFiles, log });
  },
  "chunked-uploads": () => {
    log(`\n▶ chunked uploads of ${formatBytes(options.size)} in each upstream mode, through the proxy`);
    return benchChunkedUploads(ws, { size: options.size, client, log });
  },
  "whole-folder": () => {
    log(
      `\n▶ whole folder and search: ${options.bigFolderEntries.toLocaleString("en")} entries streamed and sorted; a tree of as many files searched`,
    );
    return benchWholeFolder(ws, { entries: options.bigFolderEntries, log });
  },
};

try {
  for (const section of options.sections) {
    try {
      figures.push(...(await SECTION_RUNNERS[section]()));
    } catch (err) {
      failed = true;
      const message = err instanceof Error ? err.message : String(err);
      log(`✗ ${section} failed: ${message}`);
      figures.push({ section, name: "failed", value: message.slice(0, 200), target: "runs", met: false });
    }
  }
  if (ws.app.log.errors.length > 0) {
    notes.push(
      `The app logged ${ws.app.log.errors.length} error line(s); first: ${ws.app.log.errors[0]?.slice(0, 300)}`,
    );
  }
} finally {
  client.close();
  await ws.close();
}

const seconds = (Date.now() - started) / 1000;
log(`\n${textTable(figures)}\n`);
log(`Machine: ${machineLine(machine)}; took ${seconds.toFixed(0)} s.`);
for (const note of notes) log(`Note: ${note}`);
const files = await writeRecord(path.resolve(PROJECT_DIR, options.outDir), {
  kind: "bench",
  startedAt,
  seconds,
  options: { ...options },
  machine,
  figures,
  notes,
});
log(`Written: ${files.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
const missed = figures.filter((f) => f.met === false).length;
log(missed === 0 ? "All targets met." : `${missed} target(s) not met.`);
// A missed target is a finding, not a crash: the exit code says only whether the bench ran.
process.exit(failed ? 1 : 0);
