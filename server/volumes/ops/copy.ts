// copy: duplicate a file or a folder, within one volume or into another. Each volume runs as its
// own caller (an on-behalf-of-user source is read as the user, a service-principal destination
// written as the app), and each is checked against its own policy: `read` at the source,
// `upload` / `mkdir` at the destination. Every file is streamed download → upload (transfer.ts),
// so a copy that breaks off writes nothing; a folder copy reports what it could not copy.
import type { CopyResponse } from "../../../shared/api/files.js";
import { isSameOrInside, joinVolumePath } from "../../../shared/paths.js";
import { badRequest, conflict, notFound, policyDenied } from "../../errors/catalogue.js";
import {
  audit,
  authorize,
  invalidate,
  isAllowed,
  type ResolvedPath,
  reasonOf,
  resolvePath,
  statusOf,
  type VolumeContext,
} from "../context.js";
import { collectTree, type TreeEntry } from "../tree.js";
import { Failures } from "./batch.js";
import { copyFile, destinationOf, kindOf, transferTree } from "./transfer.js";
import type { BatchOutcome } from "./write.js";

/** The entries both policies allow; the others become failures named by their source path. */
async function allowedToCopy(
  src: VolumeContext,
  dst: VolumeContext,
  from: ResolvedPath,
  to: ResolvedPath,
  failures: Failures,
): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  for (const entry of await collectTree(src, from.rel)) {
    const target = destinationOf(entry.rel, from.rel, to.rel);
    if (entry.isDirectory) {
      if (await isAllowed(dst, "mkdir", target, true)) out.push(entry);
      else failures.add(entry.rel, policyDenied("mkdir", dst.volume.key));
    } else if (!(await isAllowed(src, "read", entry.rel, false))) {
      failures.add(entry.rel, policyDenied("read", src.volume.key));
    } else if (!(await isAllowed(dst, "upload", target, false))) {
      failures.add(entry.rel, policyDenied("upload", dst.volume.key));
    } else {
      out.push(entry);
    }
  }
  return out;
}

export async function copy(
  src: VolumeContext,
  dst: VolumeContext,
  fromInput: string | undefined,
  toInput: string | undefined,
  options: { overwrite: boolean },
): Promise<BatchOutcome<CopyResponse>> {
  const from = resolvePath(src, fromInput, { allowRoot: false, what: "source" });
  const to = resolvePath(dst, toInput, { allowRoot: false, what: "destination" });
  const sameVolume = src.volume.key === dst.volume.key;
  if (sameVolume && from.rel === to.rel) throw badRequest("The source and the destination are the same.");
  if (sameVolume && isSameOrInside(to.rel, from.rel)) {
    throw badRequest("A folder cannot be copied into itself.");
  }
  await authorize(src, "read", from.rel);

  const failures = new Failures();
  const limit = dst.volume.maxUploadSize;
  const limitLabel = dst.volume.maxUploadSizeLabel;
  let copied = 0;
  const event = { path: to.rel, source: `${src.volume.key}:${from.rel}` };
  try {
    const kind = await kindOf(src, from);
    if (!kind) throw notFound("The source does not exist.");
    await authorize(dst, kind === "file" ? "upload" : "mkdir", to.rel, {
      isDirectory: kind === "directory",
    });
    if (!options.overwrite && (await kindOf(dst, to))) {
      throw conflict(
        "Something already exists at the destination; choose another name or allow overwriting.",
      );
    }
    if (kind === "file") {
      await copyFile(
        { ctx: src, abs: from.abs },
        { ctx: dst, abs: to.abs },
        { ...options, limit, limitLabel },
      );
      copied = 1;
    } else {
      const entries = await allowedToCopy(src, dst, from, to, failures);
      copied = await transferTree(
        dst,
        from,
        to,
        entries,
        async (file, targetRel) => {
          await copyFile(
            { ctx: src, abs: joinVolumePath(src.volume.path, file.rel) },
            { ctx: dst, abs: joinVolumePath(dst.volume.path, targetRel) },
            { ...options, limit, limitLabel },
          );
        },
        failures,
      );
    }
  } catch (err) {
    audit(dst, {
      action: "upload",
      ...event,
      outcome: "failed",
      status: statusOf(err),
      reason: reasonOf(err),
    });
    throw err;
  } finally {
    invalidate(dst, to.rel, { subtree: true, createsParents: true });
  }
  audit(dst, {
    action: "upload",
    ...event,
    outcome: failures.size === 0 ? "succeeded" : "failed",
    ...(failures.size > 0 ? { reason: `copied ${copied}, failed ${failures.size}` } : {}),
  });
  const whole = failures.wholeFailure(copied);
  if (whole) throw whole;
  const body: CopyResponse = {
    success: failures.size === 0,
    from: from.rel,
    to: to.rel,
    toVolume: dst.volume.key,
    copied,
  };
  if (failures.size > 0) body.failed = failures.items;
  return { status: failures.size === 0 ? 200 : 207, body };
}
