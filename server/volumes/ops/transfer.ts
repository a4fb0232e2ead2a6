// Shared by move and copy: what sits at a path, streaming one file from one place to another
// (possibly another volume, with its own identity), and laying out a folder's tree at its new
// place. The Files API has no server-side copy, so every byte goes download → upload, streamed.
import { joinVolumePath } from "../../../shared/paths.js";
import { holdTogether } from "../../databricks/pacer.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import { AppError } from "../../errors/app-error.js";
import { payloadTooLarge } from "../../errors/catalogue.js";
import { discardBody, type ResolvedPath, type VolumeContext } from "../context.js";
import { forEachLimit } from "../pool.js";
import type { TreeEntry } from "../tree.js";
import { eachFileWithProgress, type Failures, FILE_CONCURRENCY } from "./batch.js";

const is404 = (err: unknown) => err instanceof UpstreamError && err.upstreamStatus === 404;

export async function kindOf(
  ctx: VolumeContext,
  path: ResolvedPath,
): Promise<"file" | "directory" | undefined> {
  try {
    await ctx.exec.files.getMetadata(path.abs, { signal: ctx.signal });
    return "file";
  } catch (err) {
    if (!is404(err)) throw err;
  }
  return (await ctx.exec.files.directoryExists(path.abs, { signal: ctx.signal })) ? "directory" : undefined;
}

/** One end of a transfer: a volume as its own caller, and an absolute path in it. */
export interface Place {
  ctx: VolumeContext;
  abs: string;
}

/**
 * Streams one file to its new place; resolves (with the bytes copied) only when the upload
 * completed. Never buffered: the download's body is the upload's body. With `limit`, a file
 * larger than that is refused before a byte is written (the destination's upload limit).
 */
export async function copyFile(
  from: Place,
  to: Place,
  options: { overwrite: boolean; limit?: number; limitLabel?: string },
): Promise<number> {
  // The download's slot stays taken while the upload asks for its own: take both at once, or
  // parallel copies of one identity could each hold one and wait for a second forever (pacer.ts).
  const pacers = [from.ctx.exec.files.pacer, to.ctx.exec.files.pacer];
  return holdTogether(pacers, () => streamFile(from, to, options), to.ctx.signal, COPY_SLOT_WAIT_MS);
}

/** How long a copy waits for its two upstream slots before it gives up with a 503. */
const COPY_SLOT_WAIT_MS = 60_000;

async function streamFile(
  from: Place,
  to: Place,
  options: { overwrite: boolean; limit?: number; limitLabel?: string },
): Promise<number> {
  const res = await from.ctx.exec.files.download(from.abs, { signal: from.ctx.signal });
  try {
    if (options.limit !== undefined && (res.contentLength ?? 0) > options.limit) {
      throw payloadTooLarge(options.limit, { limitLabel: options.limitLabel });
    }
    // With the length declared, a download that breaks off cannot end the upload early as if
    // complete: the Files API then commits nothing, so no partial file appears.
    await to.ctx.exec.files.upload(to.abs, res.body, {
      overwrite: options.overwrite,
      contentLength: res.contentLength,
      signal: to.ctx.signal,
    });
    return res.contentLength ?? 0;
  } catch (err) {
    // Our "upload source" is the download: when it broke off, the Files API failed us, not the client.
    if (err instanceof AppError && err.code === "UPLOAD_INCOMPLETE") {
      throw new UpstreamError(
        502,
        "UPSTREAM_UNAVAILABLE",
        "Reading the source broke off during the copy; nothing was written.",
        { cause: err },
      );
    }
    throw err;
  } finally {
    discardBody(res.body);
  }
}

/** Where a tree entry under `from` lands under `to`. */
export function destinationOf(entryRel: string, from: string, to: string): string {
  return `${to}${entryRel.slice(from.length)}`;
}

/**
 * Recreates the tree of `entries` (walked under `from`) under `to` in `dest`, folders first
 * (mkdir -p, idempotent, so empty ones arrive too), then runs `perFile` on each file. A failure
 * is recorded against the source entry and the rest goes on; returns how many files succeeded.
 */
export async function transferTree(
  dest: VolumeContext,
  from: ResolvedPath,
  to: ResolvedPath,
  entries: TreeEntry[],
  perFile: (file: TreeEntry, targetRel: string) => Promise<void>,
  failures: Failures,
): Promise<number> {
  await dest.exec.files.createDirectory(to.abs, { signal: dest.signal });
  await forEachLimit(
    entries.filter((e) => e.isDirectory),
    FILE_CONCURRENCY,
    async (dir) => {
      try {
        const target = joinVolumePath(dest.volume.path, destinationOf(dir.rel, from.rel, to.rel));
        await dest.exec.files.createDirectory(target, { signal: dest.signal });
      } catch (err) {
        failures.add(dir.rel, err);
      }
    },
  );
  const files = entries.filter((e) => !e.isDirectory);
  // Copies hold a download and an upload each: half the usual parallelism.
  return eachFileWithProgress(dest, "copy files", files, FILE_CONCURRENCY / 2, failures, (file) =>
    perFile(file, destinationOf(file.rel, from.rel, to.rel)),
  );
}
