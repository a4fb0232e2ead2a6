// Whole folders and whole trees (issue: sort, filter and search over 100k entries): a folder of N
// entries read through the app's streamed listing (GET list-stream, through the Apps proxy) and
// sorted by size the way the browser does, cold and cached, versus reading every page straight
// from the Files API emulator and sorting the same rows; and a search of a tree of N files in
// N/100 folders (GET search) versus listing those folders from the emulator with 8 calls in
// parallel and matching the names locally. Both trees are made directly on disk.
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import type { CompactEntry, ListStreamLine } from "../shared/api/streams.js";
import { type Figure, figure } from "./report.js";
import { directFolder, readLines, writeAll } from "./stream-client.js";
import { makeTree, searchDirect, searchViaApp, TREE } from "./tree-search.js";
import { formatMs } from "./units.js";
import type { BenchWorkspace } from "./workspace.js";

const FOLDER = "whole-folder";

const FIRST_ROWS_TARGET_MS = 300;
const SORTED_COLD_RATIO = 1.2;
const SORTED_CACHED_TARGET_MS = 500;
const SEARCH_RATIO = 1.5;

/** N files of varied sizes (so sorting by size has work to do). */
async function makeFolder(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeAll(
    Array.from({ length: count }, (_, i) => ({
      file: path.join(dir, `entry-${String(i).padStart(6, "0")}.dat`),
      bytes: (i * 7919) % 1013,
    })),
  );
  await readdir(dir);
}

const bySizeDesc = (a: CompactEntry, b: CompactEntry) => (b[2] ?? -1) - (a[2] ?? -1);

interface SortedRead {
  firstRowsMs: number;
  readMs: number;
  sortedMs: number;
  entries: number;
}

/** The browser's way: stream the folder, keep the rows, sort them by size when the end arrives. */
async function streamAndSort(ws: BenchWorkspace): Promise<SortedRead> {
  const proxy = ws.viaProxy("alice");
  const started = performance.now();
  let firstRowsMs = 0;
  const rows: CompactEntry[] = [];
  let ended = false;
  await readLines<ListStreamLine>(
    `${proxy.base}/api/files/shared/list-stream?path=${FOLDER}`,
    proxy,
    (line) => {
      if (line.type === "entries") {
        if (rows.length === 0) firstRowsMs = performance.now() - started;
        for (const row of line.entries) rows.push(row);
      } else if (line.type === "end") ended = !line.truncated;
      else if (line.type === "error") throw new Error(`list-stream: ${line.code} ${line.message}`);
    },
  );
  if (!ended) throw new Error("list-stream ended without a complete end line");
  const readMs = performance.now() - started;
  rows.sort(bySizeDesc);
  return { firstRowsMs, readMs, sortedMs: performance.now() - started, entries: rows.length };
}

async function directAndSort(ws: BenchWorkspace): Promise<SortedRead> {
  const started = performance.now();
  let firstRowsMs = 0;
  const rows: CompactEntry[] = [];
  await directFolder(ws, FOLDER, (page) => {
    if (rows.length === 0) firstRowsMs = performance.now() - started;
    for (const e of page.contents ?? []) {
      rows.push([e.name, e.is_directory ? 1 : 0, e.file_size ?? null, e.last_modified ?? null]);
    }
  });
  const readMs = performance.now() - started;
  rows.sort(bySizeDesc);
  return { firstRowsMs, readMs, sortedMs: performance.now() - started, entries: rows.length };
}

export async function benchWholeFolder(
  ws: BenchWorkspace,
  options: { entries: number; log: (line: string) => void },
): Promise<Figure[]> {
  const made = performance.now();
  await makeFolder(path.join(ws.volumeDir("shared"), FOLDER), options.entries);
  const treeFolders = await makeTree(path.join(ws.volumeDir("shared"), TREE), options.entries);
  options.log(
    `  created ${options.entries.toLocaleString("en")} files in one folder and ${options.entries.toLocaleString("en")} in ${treeFolders} folders in ${((performance.now() - made) / 1000).toFixed(1)} s`,
  );

  const direct = await directAndSort(ws);
  const cold = await streamAndSort(ws);
  const cached = await streamAndSort(ws);
  for (const [name, r] of [
    ["direct", direct],
    ["cold", cold],
    ["cached", cached],
  ] as const) {
    if (r.entries !== options.entries)
      throw new Error(`${name}: read ${r.entries} of ${options.entries} entries`);
  }
  const searchDirect8 = await searchDirect(ws);
  const search = await searchViaApp(ws);
  if (search.hits !== searchDirect8.hits) {
    throw new Error(`search found ${search.hits} matches, the direct walk ${searchDirect8.hits}`);
  }

  const folderSection = `whole folder of ${options.entries.toLocaleString("en")}`;
  const treeSection = `search ${options.entries.toLocaleString("en")} files in ${treeFolders} folders`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  return [
    figure(
      folderSection,
      "first rows, cold (list-stream via proxy)",
      formatMs(cold.firstRowsMs),
      { ...cold },
      {
        text: `< ${FIRST_ROWS_TARGET_MS} ms`,
        met: cold.firstRowsMs < FIRST_ROWS_TARGET_MS,
      },
    ),
    figure(
      folderSection,
      "all read + sorted by size, cold",
      `${formatMs(cold.sortedMs)} (read ${formatMs(cold.readMs)}; ${ratio(cold.sortedMs, direct.sortedMs)} direct)`,
      { ...cold },
      { text: `≤ ${SORTED_COLD_RATIO}× direct`, met: cold.sortedMs <= SORTED_COLD_RATIO * direct.sortedMs },
    ),
    figure(
      folderSection,
      "all read + sorted by size, cached",
      `${formatMs(cached.sortedMs)} (first rows ${formatMs(cached.firstRowsMs)})`,
      { ...cached },
      { text: `< ${SORTED_CACHED_TARGET_MS} ms`, met: cached.sortedMs < SORTED_CACHED_TARGET_MS },
    ),
    figure(
      folderSection,
      "emulator pages directly + sorted by size",
      `${formatMs(direct.sortedMs)} (first page ${formatMs(direct.firstRowsMs)})`,
      { ...direct },
    ),
    figure(
      treeSection,
      "search via proxy + app",
      `first hit ${formatMs(search.firstHitMs)}, all ${search.hits} hits ${formatMs(search.allMs)} (${ratio(search.allMs, searchDirect8.allMs)} direct)`,
      { ...search },
      { text: `≤ ${SEARCH_RATIO}× direct`, met: search.allMs <= SEARCH_RATIO * searchDirect8.allMs },
    ),
    figure(
      treeSection,
      "emulator directly, 8 folders in parallel",
      `first hit ${formatMs(searchDirect8.firstHitMs)}, all ${searchDirect8.hits} hits ${formatMs(searchDirect8.allMs)}`,
      { ...searchDirect8 },
    ),
  ];
}
