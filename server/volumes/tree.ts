// Walks a folder through the Files API, depth first, following every page token. Entries whose
// names would not pass our own path rules are skipped rather than turned into upstream URLs.
import { childPath, joinVolumePath, normaliseRelativePath } from "../../shared/paths.js";
import { listAll } from "../databricks/list.js";
import { tooManyEntries } from "../errors/catalogue.js";
import type { VolumeContext } from "./context.js";

export interface TreeEntry {
  rel: string;
  isDirectory: boolean;
  size?: number;
  lastModified?: number;
  /** 1 for the folder's direct children. */
  depth: number;
}

/** Most entries one recursive operation (delete, move, zip) walks. */
export const MAX_TREE_ENTRIES = 100_000;

export async function* walkTree(
  ctx: VolumeContext,
  rootRel: string,
  options: { maxEntries?: number; signal?: AbortSignal } = {},
): AsyncGenerator<TreeEntry> {
  const max = options.maxEntries ?? MAX_TREE_ENTRIES;
  const signal = options.signal ?? ctx.signal;
  const stack: Array<{ rel: string; depth: number }> = [{ rel: rootRel, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const dir = stack.pop() as { rel: string; depth: number };
    const abs = joinVolumePath(ctx.volume.path, dir.rel);
    const children: Array<{ rel: string; depth: number }> = [];
    for await (const entry of listAll(ctx.exec.files, abs, { signal })) {
      const checked = normaliseRelativePath(childPath(dir.rel, entry.name), ctx.volume.path);
      if (!checked.ok || entry.name.includes("/")) {
        ctx.log.warn(
          { volume: ctx.volume.key, name: entry.name.slice(0, 200) },
          "skipping an entry with an unusable name",
        );
        continue;
      }
      if (++count > max)
        throw tooManyEntries(`The folder holds more than ${max} entries; work on smaller folders.`);
      const item: TreeEntry = { rel: checked.path, isDirectory: entry.isDirectory, depth: dir.depth + 1 };
      if (entry.fileSize !== undefined) item.size = entry.fileSize;
      if (entry.lastModified !== undefined) item.lastModified = entry.lastModified;
      yield item;
      if (entry.isDirectory) children.push({ rel: checked.path, depth: dir.depth + 1 });
    }
    // Reverse so siblings come out in listing order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as { rel: string; depth: number });
  }
}

export async function collectTree(ctx: VolumeContext, rootRel: string): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  for await (const entry of walkTree(ctx, rootRel)) out.push(entry);
  return out;
}
