// A search of a tree of N files in N/100 folders: GET search through the Apps proxy, versus the
// same walk done by a client straight against the emulator (8 folders at a time, names matched
// locally). The tree is made directly on disk.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { SearchStreamLine } from "../shared/api/streams.js";
import { directFolder, readLines, writeAll } from "./stream-client.js";
import type { BenchWorkspace } from "./workspace.js";

export const TREE = "search-tree";
const FILES_PER_FOLDER = 100;
/** Matches about 4% of the tree's names (those with "42" in their number). */
const QUERY = "42";

export async function makeTree(root: string, files: number): Promise<number> {
  const folders = Math.max(1, Math.round(files / FILES_PER_FOLDER));
  const all: Array<{ file: string; bytes: number }> = [];
  for (let f = 0; f < folders; f++) {
    const dir = path.join(root, `dir-${String(f).padStart(4, "0")}`);
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < FILES_PER_FOLDER; i++) {
      const n = f * FILES_PER_FOLDER + i;
      all.push({ file: path.join(dir, `file-${String(n).padStart(6, "0")}.txt`), bytes: 1 });
    }
  }
  await writeAll(all);
  return folders;
}

export interface SearchRun {
  firstHitMs: number;
  allMs: number;
  hits: number;
  folders: number;
}

export async function searchViaApp(ws: BenchWorkspace): Promise<SearchRun> {
  const proxy = ws.viaProxy("alice");
  const started = performance.now();
  let firstHitMs = 0;
  let hits = 0;
  let folders = 0;
  await readLines<SearchStreamLine>(
    `${proxy.base}/api/files/shared/search?path=${TREE}&q=${QUERY}`,
    proxy,
    (line) => {
      if (line.type === "match") {
        if (hits === 0) firstHitMs = performance.now() - started;
        hits++;
      } else if (line.type === "end") {
        if (line.stoppedEarly !== null || line.foldersFailed > 0)
          throw new Error(`search incomplete: ${JSON.stringify(line)}`);
        folders = line.foldersVisited;
      } else if (line.type === "error") throw new Error(`search: ${line.code} ${line.message}`);
    },
  );
  return { firstHitMs, allMs: performance.now() - started, hits, folders };
}

/** The same walk done by a client against the emulator: 8 folders at a time, names matched locally. */
export async function searchDirect(ws: BenchWorkspace): Promise<SearchRun> {
  const started = performance.now();
  let firstHitMs = 0;
  let hits = 0;
  let folders = 0;
  const queue = [TREE];
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (queue.length === 0 && active === 0) return resolve();
      while (active < 8 && queue.length > 0) {
        const rel = queue.shift() as string;
        active++;
        directFolder(ws, rel, (page) => {
          for (const e of page.contents ?? []) {
            if (e.is_directory) queue.push(`${rel}/${e.name}`);
            if (e.name.toLowerCase().includes(QUERY)) {
              if (hits === 0) firstHitMs = performance.now() - started;
              hits++;
            }
          }
        }).then(() => {
          folders++;
          active--;
          pump();
        }, reject);
      }
    };
    pump();
  });
  return { firstHitMs, allMs: performance.now() - started, hits, folders };
}
