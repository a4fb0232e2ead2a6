// move: rename or move a file or folder inside one volume. The Files API has no rename, so a
// move is a streamed copy then a delete, file by file; a source file is deleted only after its
// copy completed, so a failure leaves every byte in at least one place. Copy (copy.ts) shares
// the streaming and the tree layout (transfer.ts).
import type { MoveResponse } from "../../../shared/api/files.js";
import { isSameOrInside, joinVolumePath } from "../../../shared/paths.js";
import { badRequest, conflict, notFound } from "../../errors/catalogue.js";
import {
  audit,
  authorize,
  invalidate,
  type ResolvedPath,
  reasonOf,
  refuseFolderPath,
  resolvePath,
  statusOf,
  type VolumeContext,
} from "../context.js";
import { collectTree } from "../tree.js";
import { allowedEntries, Failures, removeDirectories } from "./batch.js";
import { copyFile, kindOf, transferTree } from "./transfer.js";
import type { BatchOutcome } from "./write.js";

/** Copies then deletes; a copy whose source could not be deleted is a failure, but not a lost file. */
async function moveOneFile(
  ctx: VolumeContext,
  fromRel: string,
  toRel: string,
  overwrite: boolean,
  failures: Failures,
): Promise<"moved" | "copied"> {
  const fromAbs = joinVolumePath(ctx.volume.path, fromRel);
  await copyFile({ ctx, abs: fromAbs }, { ctx, abs: joinVolumePath(ctx.volume.path, toRel) }, { overwrite });
  try {
    await ctx.exec.files.deleteFile(fromAbs, { signal: ctx.signal });
    return "moved";
  } catch (err) {
    failures.add(fromRel, err);
    return "copied";
  }
}

async function moveTree(
  ctx: VolumeContext,
  from: ResolvedPath,
  to: ResolvedPath,
  overwrite: boolean,
  failures: Failures,
): Promise<{ moved: number; copied: number }> {
  const entries = await allowedEntries(ctx, await collectTree(ctx, from.rel), "move", failures);
  const dirs = entries.filter((e) => e.isDirectory);
  const counts = { moved: 0, copied: 0 };
  await transferTree(
    ctx,
    from,
    to,
    entries,
    async (file, targetRel) => {
      counts[await moveOneFile(ctx, file.rel, targetRel, overwrite, failures)]++;
    },
    failures,
  );
  await removeDirectories(
    ctx,
    [...dirs.map((d) => ({ rel: d.rel, depth: d.depth })), { rel: from.rel, depth: 0 }],
    failures,
  );
  return counts;
}

export async function move(
  ctx: VolumeContext,
  fromInput: string | undefined,
  toInput: string | undefined,
  options: { overwrite: boolean },
): Promise<BatchOutcome<MoveResponse>> {
  const from = resolvePath(ctx, fromInput, { allowRoot: false, what: "source" });
  const to = resolvePath(ctx, toInput, { allowRoot: false, what: "destination" });
  if (from.rel === to.rel) throw badRequest("The source and the destination are the same.");
  if (isSameOrInside(to.rel, from.rel)) throw badRequest("A folder cannot be moved into itself.");
  // A move writes at both ends.
  await authorize(ctx, "move", from.rel, { destination: to.rel });
  await authorize(ctx, "move", to.rel, { destination: to.rel });

  const failures = new Failures();
  let counts = { moved: 0, copied: 0 };
  try {
    const kind = await kindOf(ctx, from);
    if (!kind) throw notFound("The source does not exist.");
    // A file moved to `dir/` would become a file named `dir`: a trailing "/" only names folders.
    if (kind === "file") {
      refuseFolderPath(fromInput, "source");
      refuseFolderPath(toInput, "destination");
    }
    if (!options.overwrite && (await kindOf(ctx, to))) {
      throw conflict(
        "Something already exists at the destination; choose another name or allow overwriting.",
      );
    }
    if (kind === "file") {
      const done = await moveOneFile(ctx, from.rel, to.rel, options.overwrite, failures);
      counts = { moved: done === "moved" ? 1 : 0, copied: done === "copied" ? 1 : 0 };
    } else {
      counts = await moveTree(ctx, from, to, options.overwrite, failures);
    }
  } catch (err) {
    audit(ctx, {
      action: "move",
      path: from.rel,
      destination: to.rel,
      outcome: "failed",
      status: statusOf(err),
      reason: reasonOf(err),
    });
    throw err;
  } finally {
    invalidate(ctx, from.rel, { subtree: true });
    invalidate(ctx, to.rel, { subtree: true, createsParents: true });
  }
  audit(ctx, {
    action: "move",
    path: from.rel,
    destination: to.rel,
    outcome: failures.size === 0 ? "succeeded" : "failed",
    ...(failures.size > 0 ? { reason: `moved ${counts.moved}, failed ${failures.size}` } : {}),
  });
  // Copies whose source stayed behind are work done: report them, don't hide them behind one error.
  const whole = failures.wholeFailure(counts.moved + counts.copied);
  if (whole) throw whole;
  const body: MoveResponse = {
    success: failures.size === 0,
    from: from.rel,
    to: to.rel,
    moved: counts.moved,
  };
  if (failures.size > 0) body.failed = failures.items;
  return { status: failures.size === 0 ? 200 : 207, body };
}
