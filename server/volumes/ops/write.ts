// mkdir and delete (one file, an empty folder, or recursively a whole folder).
import type { DeleteResponse } from "../../../shared/api/files.js";
import { joinVolumePath } from "../../../shared/paths.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import { directoryNotEmpty } from "../../errors/catalogue.js";
import {
  audit,
  authorize,
  invalidate,
  reasonOf,
  resolvePath,
  runWrite,
  statusOf,
  type VolumeContext,
} from "../context.js";
import { collectTree } from "../tree.js";
import {
  allowedEntries,
  eachFileWithProgress,
  Failures,
  FILE_CONCURRENCY,
  removeDirectories,
} from "./batch.js";

export async function mkdir(ctx: VolumeContext, input: string | undefined) {
  const { rel, abs } = resolvePath(ctx, input, { what: "folder" });
  await authorize(ctx, "mkdir", rel, { isDirectory: true });
  await runWrite(ctx, { action: "mkdir", rel, invalidation: { createsParents: true } }, () =>
    ctx.exec.files.createDirectory(abs, { signal: ctx.signal }),
  );
  return { success: true as const };
}

export interface BatchOutcome<T> {
  /** 200 when everything succeeded, 207 when some items failed (the body lists them). */
  status: 200 | 207;
  body: T;
}

const notFound = (err: unknown) => err instanceof UpstreamError && err.upstreamStatus === 404;

/** A file, or else an empty folder (the Files API has no "delete whatever is there"). */
async function deleteOne(ctx: VolumeContext, abs: string): Promise<"file" | "directory"> {
  try {
    await ctx.exec.files.deleteFile(abs, { signal: ctx.signal });
    return "file";
  } catch (err) {
    // The files endpoint answers 404 for a folder path.
    if (!notFound(err)) throw err;
  }
  try {
    await ctx.exec.files.deleteDirectory(abs, { signal: ctx.signal });
    return "directory";
  } catch (err) {
    if (
      err instanceof UpstreamError &&
      err.upstreamStatus === 400 &&
      /NOT_EMPTY/.test(err.reason ?? err.message)
    ) {
      throw directoryNotEmpty(err);
    }
    throw err;
  }
}

export async function remove(
  ctx: VolumeContext,
  input: string | undefined,
  options: { recursive: boolean },
): Promise<BatchOutcome<DeleteResponse>> {
  const { rel, abs } = resolvePath(ctx, input);
  await authorize(ctx, "delete", rel);
  if (!options.recursive) {
    await runWrite(ctx, { action: "delete", rel, invalidation: { subtree: true } }, () =>
      deleteOne(ctx, abs),
    );
    return { status: 200, body: { success: true, deleted: 1 } };
  }
  try {
    // A file needs no walk; a 404 here means "maybe a folder".
    await ctx.exec.files.deleteFile(abs, { signal: ctx.signal });
  } catch (err) {
    if (notFound(err)) return deleteTree(ctx, rel);
    audit(ctx, {
      action: "delete",
      path: rel,
      outcome: "failed",
      status: statusOf(err),
      reason: reasonOf(err),
    });
    throw err;
  } finally {
    invalidate(ctx, rel, { subtree: true });
  }
  audit(ctx, { action: "delete", path: rel, outcome: "succeeded" });
  return { status: 200, body: { success: true, deleted: 1 } };
}

async function deleteTree(ctx: VolumeContext, rel: string): Promise<BatchOutcome<DeleteResponse>> {
  const failures = new Failures();
  let deleted = 0;
  try {
    const entries = await allowedEntries(ctx, await collectTree(ctx, rel), "delete", failures);
    const files = entries.filter((e) => !e.isDirectory);
    deleted += await eachFileWithProgress(ctx, "delete files", files, FILE_CONCURRENCY, failures, (file) =>
      ctx.exec.files.deleteFile(joinVolumePath(ctx.volume.path, file.rel), { signal: ctx.signal }),
    );
    const dirs = entries.filter((e) => e.isDirectory).map((e) => ({ rel: e.rel, depth: e.depth }));
    deleted += await removeDirectories(ctx, [...dirs, { rel, depth: 0 }], failures);
  } catch (err) {
    // The walk itself failed (missing folder, no grant): nothing or part was deleted.
    audit(ctx, {
      action: "delete",
      path: rel,
      outcome: "failed",
      status: statusOf(err),
      reason: reasonOf(err),
    });
    invalidate(ctx, rel, { subtree: true });
    throw err;
  }
  invalidate(ctx, rel, { subtree: true });
  audit(ctx, {
    action: "delete",
    path: rel,
    outcome: failures.size === 0 ? "succeeded" : "failed",
    reason: `recursive: deleted ${deleted}, failed ${failures.size}`,
  });
  const whole = failures.wholeFailure(deleted);
  if (whole) throw whole;
  if (failures.size === 0) return { status: 200, body: { success: true, deleted } };
  return { status: 207, body: { success: false, deleted, failed: failures.items } };
}
