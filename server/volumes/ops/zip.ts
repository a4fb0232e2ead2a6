// zip: files and whole folders as one streamed archive. Everything that can be refused is
// refused before the first byte (bad path 400, policy 403, missing 404, more entries than
// FILES_ZIP_MAX_ENTRIES 413): the folders are walked to the end first, so an archive never stops
// part-way for being too big. After that, a file that cannot be opened is left out and named in a
// DOWNLOAD-ERRORS.txt at the end, while a failure in the middle of a file's bytes breaks the
// download (the client sees a failed transfer, never a short zip reported as complete).
import { Readable } from "node:stream";
import { baseName, joinVolumePath } from "../../../shared/paths.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import { AppError } from "../../errors/app-error.js";
import { badRequest, notFound, tooManyEntries } from "../../errors/catalogue.js";
import { authorize, isAllowed, type ResolvedPath, resolvePath, type VolumeContext } from "../context.js";
import { walkTree } from "../tree.js";
import { archiveFileName } from "../zip/archive-name.js";
import { type ZipEntry, zipStream } from "../zip/zip-writer.js";
import { progressLog } from "./batch.js";

export const MAX_ZIP_PATHS = 100;
export const ERRORS_ENTRY = "DOWNLOAD-ERRORS.txt";
/** FILES_ZIP_MAX_ENTRIES' default. */
export const DEFAULT_ZIP_MAX_ENTRIES = 100_000;

const zipTooMany = (max: number) =>
  `The download would hold more than ${max} files and folders, the most one zip may (FILES_ZIP_MAX_ENTRIES); download smaller folders or fewer at a time.`;

interface Root extends ResolvedPath {
  kind: "file" | "directory";
  name: string;
  size?: number;
  lastModified?: number;
}

async function inspect(ctx: VolumeContext, path: ResolvedPath): Promise<Omit<Root, "name">> {
  if (path.rel !== "") {
    try {
      const meta = await ctx.exec.files.getMetadata(path.abs, { signal: ctx.signal });
      const lastModified = meta.lastModified ? Date.parse(meta.lastModified) : Number.NaN;
      return {
        ...path,
        kind: "file",
        size: meta.contentLength,
        ...(Number.isNaN(lastModified) ? {} : { lastModified }),
      };
    } catch (err) {
      if (!(err instanceof UpstreamError && err.upstreamStatus === 404)) throw err;
    }
  }
  if (await ctx.exec.files.directoryExists(path.abs, { signal: ctx.signal }))
    return { ...path, kind: "directory" };
  throw notFound(`Nothing exists at "${path.rel}".`);
}

/** Unique top-level names: `a.csv`, `a (2).csv`, … */
function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  const dot = wanted.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ""];
  for (let n = 2; taken.has(name); n++) name = `${stem} (${n})${ext}`;
  taken.add(name);
  return name;
}

function skipReason(err: unknown): string {
  return err instanceof AppError ? `${err.code}: ${err.message}` : "could not be read";
}

type PlannedEntry = ZipEntry & { rel?: string };

/**
 * Every entry of the archive, walked before the first byte so that a selection over `max` is
 * refused with a clear 413 instead of an archive cut off part-way. Holds one small record per
 * entry, as the zip's own central directory does anyway.
 */
async function plan(
  ctx: VolumeContext,
  roots: Root[],
  max: number,
  skipped: string[],
): Promise<PlannedEntry[]> {
  const out: PlannedEntry[] = [];
  const add = (entry: PlannedEntry) => {
    if (out.length >= max) throw tooManyEntries(zipTooMany(max));
    out.push(entry);
  };
  for (const root of roots) {
    if (root.kind === "file") {
      add({
        name: root.name,
        isDirectory: false,
        size: root.size,
        lastModified: root.lastModified,
        rel: root.rel,
      });
      continue;
    }
    add({ name: root.name, isDirectory: true });
    const prefix = root.rel === "" ? 0 : root.rel.length + 1;
    try {
      // The walk's own bound keeps a folder of policy-hidden files from growing `skipped` forever.
      for await (const entry of walkTree(ctx, root.rel, { maxEntries: max })) {
        const name = `${root.name}/${entry.rel.slice(prefix)}`;
        if (entry.isDirectory) {
          add({ name, isDirectory: true, lastModified: entry.lastModified });
        } else if (!(await isAllowed(ctx, "download", entry.rel, false))) {
          skipped.push(`${name}: the volume's policy does not allow downloading it`);
        } else {
          add({
            name,
            isDirectory: false,
            size: entry.size,
            lastModified: entry.lastModified,
            rel: entry.rel,
          });
        }
      }
    } catch (err) {
      throw err instanceof AppError && err.code === "TOO_MANY_ENTRIES"
        ? tooManyEntries(zipTooMany(max))
        : err;
    }
  }
  return out;
}

export async function zip(
  ctx: VolumeContext,
  inputs: string[],
  requestedName?: string,
): Promise<{ fileName: string; stream: Readable }> {
  if (inputs.length === 0) throw badRequest("Name at least one path to download.");
  if (inputs.length > MAX_ZIP_PATHS) throw badRequest(`At most ${MAX_ZIP_PATHS} paths fit in one download.`);
  const resolved = inputs.map((input) => resolvePath(ctx, input, { allowRoot: true }));
  for (const path of resolved) await authorize(ctx, "download", path.rel);
  const taken = new Set<string>();
  const roots: Root[] = [];
  for (const path of resolved) {
    const info = await inspect(ctx, path);
    roots.push({ ...info, name: uniqueName(path.rel === "" ? ctx.volume.key : baseName(path.rel), taken) });
  }

  const skipped: string[] = [];
  const open = (rel: string) => async () => {
    const res = await ctx.exec.files.download(joinVolumePath(ctx.volume.path, rel), { signal: ctx.signal });
    return res.body;
  };
  const planned = await plan(ctx, roots, ctx.zipMaxEntries ?? DEFAULT_ZIP_MAX_ENTRIES, skipped);

  async function* entries(): AsyncGenerator<ZipEntry> {
    const progress = progressLog(ctx, "zip entries", planned.length);
    try {
      for (const entry of planned) {
        yield entry.rel === undefined ? entry : { ...entry, open: open(entry.rel) };
        progress.step();
      }
    } finally {
      progress.end();
    }
    if (skipped.length > 0) {
      const text = Buffer.from(`These files were left out of the download:\n${skipped.join("\n")}\n`, "utf8");
      yield {
        name: uniqueName(ERRORS_ENTRY, taken),
        isDirectory: false,
        size: text.length,
        open: async () => [text],
      };
    }
  }

  const archive = zipStream(entries(), {
    onSkip: (entry, err) => skipped.push(`${entry.name}: ${skipReason(err)}`),
  });
  return {
    fileName: archiveFileName(requestedName, roots.length === 1 ? (roots[0]?.name ?? "") : ctx.volume.key),
    stream: Readable.from(archive, { objectMode: false }),
  };
}
