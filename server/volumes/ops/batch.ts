// Shared by the operations that touch many files (recursive delete, folder move): per-item
// failures, and how a batch's outcome becomes an HTTP answer.
import { ancestorsAndSelf, joinVolumePath } from "../../../shared/paths.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import { AppError } from "../../errors/app-error.js";
import { policyDenied } from "../../errors/catalogue.js";
import { isAllowed, type VolumeContext } from "../context.js";
import { forEachLimit } from "../pool.js";
import type { TreeEntry } from "../tree.js";

export interface BatchFailure {
  path: string;
  code: string;
  message: string;
}

export class Failures {
  readonly items: BatchFailure[] = [];
  readonly errors: unknown[] = [];
  private readonly blocked = new Set<string>();

  add(rel: string, err: unknown): void {
    this.errors.push(err);
    for (const path of ancestorsAndSelf(rel)) this.blocked.add(path);
    this.items.push({
      path: rel,
      code: err instanceof AppError ? err.code : "INTERNAL",
      message: err instanceof AppError ? err.message : "The operation failed.",
    });
  }

  get size(): number {
    return this.items.length;
  }

  /** Whether `rel` is an ancestor of (or is) a path that failed. */
  blocks(rel: string): boolean {
    return this.blocked.has(rel);
  }

  /**
   * When nothing was done and every item failed for the same reason (a missing grant, say), the
   * batch failed as a whole: answer with that error rather than a list of identical ones.
   */
  wholeFailure(done: number): AppError | undefined {
    if (done > 0 || this.errors.length === 0) return undefined;
    const first = this.errors[0];
    if (!(first instanceof AppError)) return undefined;
    const same = this.errors.every(
      (e) => e instanceof AppError && e.code === first.code && e.status === first.status,
    );
    return same ? first : undefined;
  }
}

/** Parallelism of per-file calls: below the Files API's ~10 concurrent requests per workspace. */
export const FILE_CONCURRENCY = 8;

const PROGRESS_INTERVAL_MS = 5_000;

/**
 * A bulk operation's progress in the log every few seconds: paced under the Files API's rate
 * limit (server/databricks/pacer.ts), a big one takes a while and should be seen moving, not
 * mistaken for stuck. `step()` per item; `end()` stops the timer.
 */
export function progressLog(
  ctx: VolumeContext,
  operation: string,
  total: number,
): { step(): void; end(): void } {
  let done = 0;
  const started = Date.now();
  const timer = setInterval(() => {
    ctx.log.info(
      { volume: ctx.volume.key, operation, done, total, seconds: Math.round((Date.now() - started) / 1000) },
      `${operation}: ${done} of ${total}`,
    );
  }, PROGRESS_INTERVAL_MS);
  timer.unref();
  return {
    step: () => {
      done++;
    },
    end: () => clearInterval(timer),
  };
}

/**
 * Runs `work` on each file of a bulk operation, `limit` at a time, logging progress: a file that
 * fails is recorded in `failures` and the rest go on. Returns how many succeeded.
 */
export async function eachFileWithProgress<T extends { rel: string }>(
  ctx: VolumeContext,
  operation: string,
  files: readonly T[],
  limit: number,
  failures: Failures,
  work: (file: T) => Promise<void>,
): Promise<number> {
  let done = 0;
  const progress = progressLog(ctx, operation, files.length);
  try {
    await forEachLimit(files, limit, async (file) => {
      try {
        await work(file);
        done++;
      } catch (err) {
        failures.add(file.rel, err);
      } finally {
        progress.step();
      }
    });
  } finally {
    progress.end();
  }
  return done;
}

/** Deletes directories deepest first, skipping any that still hold something that failed. */
export async function removeDirectories(
  ctx: VolumeContext,
  dirs: Array<{ rel: string; depth: number }>,
  failures: Failures,
): Promise<number> {
  let removed = 0;
  const byDepth = new Map<number, string[]>();
  for (const dir of dirs) byDepth.set(dir.depth, [...(byDepth.get(dir.depth) ?? []), dir.rel]);
  for (const depth of [...byDepth.keys()].sort((a, b) => b - a)) {
    const level = (byDepth.get(depth) ?? []).filter((rel) => !failures.blocks(rel));
    await forEachLimit(level, FILE_CONCURRENCY, async (rel) => {
      try {
        await ctx.exec.files.deleteDirectory(joinVolumePath(ctx.volume.path, rel), { signal: ctx.signal });
        removed++;
      } catch (err) {
        // Already gone is what we wanted: on GCS-backed volumes a directory disappears with its
        // last child (404 FILES_API_DIRECTORY_IS_NOT_FOUND, docs/databricks-files-api.md#clouds).
        if (err instanceof UpstreamError && err.upstreamStatus === 404) removed++;
        else failures.add(rel, err);
      }
    });
  }
  return removed;
}

/** Entries of a walked tree the policy allows `action` on; the others become failures. */
export async function allowedEntries(
  ctx: VolumeContext,
  entries: TreeEntry[],
  action: "delete" | "move",
  failures: Failures,
): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  for (const entry of entries) {
    if (await isAllowed(ctx, action, entry.rel, entry.isDirectory)) out.push(entry);
    else failures.add(entry.rel, policyDenied(action, ctx.volume.key));
  }
  return out;
}
