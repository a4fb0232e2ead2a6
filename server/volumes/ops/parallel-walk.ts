// Walks a folder tree page by page with a bounded number of Files API calls in flight, for search
// and folder totals. Unlike tree.ts (depth first, one call at a time, all or nothing for delete,
// move and zip), this walk is meant to be streamed: it yields each page as it arrives, checks the
// policy for every folder before listing it (a folder the caller may not list is skipped and
// counted, its contents never read), reports a folder that failed instead of leaving a silent
// gap, and stops at a folder count or a deadline, saying which.
//
// It is a pull-driven generator: calls are started only while the consumer asks for more, so a
// slow client (a full socket) holds the walk at `concurrency` calls at most.
import type { StoppedEarly, WalkCounts } from "../../../shared/api/streams.js";
import { childPath, joinVolumePath, normaliseRelativePath } from "../../../shared/paths.js";
import type { DirectoryEntry } from "../../databricks/list.js";
import { authorize, isAllowed, resolvePath, type VolumeContext } from "../context.js";

export const DEFAULT_WALK_CONCURRENCY = 8;
export const DEFAULT_SEARCH_MAX_FOLDERS = 10_000;
export const DEFAULT_SEARCH_MAX_TIME_MS = 60_000;

export interface WalkOptions {
  maxFolders: number;
  maxTimeMs: number;
  concurrency?: number;
}

export type WalkEvent =
  /** One page of `folder` (volume-relative); `entries` as the Files API sent them. */
  | { type: "page"; folder: string; entries: DirectoryEntry[] }
  | { type: "failed"; folder: string; error: unknown };

export function walkOptionsOf(ctx: VolumeContext): WalkOptions {
  return {
    maxFolders: ctx.walkLimits?.searchMaxFolders ?? DEFAULT_SEARCH_MAX_FOLDERS,
    maxTimeMs: ctx.walkLimits?.searchMaxTimeMs ?? DEFAULT_SEARCH_MAX_TIME_MS,
  };
}

/** The canonical path of a child, or undefined for a name our path rules refuse. */
export function childRel(ctx: VolumeContext, folder: string, name: string): string | undefined {
  if (name.includes("/")) return undefined;
  const checked = normaliseRelativePath(childPath(folder, name), ctx.volume.path);
  return checked.ok ? checked.path : undefined;
}

interface Task {
  folder: string;
  pageToken?: string;
}

type Outcome =
  | { task: Task; kind: "page"; entries: DirectoryEntry[]; nextPageToken?: string }
  | { task: Task; kind: "skipped" }
  | { task: Task; kind: "failed"; error: unknown };

/**
 * Yields the tree's pages as they arrive; `counts` is updated in place (read it for progress).
 * Returns why it stopped early, or null when it covered the whole tree. A failure of the
 * starting folder's first page is thrown (the caller answers with a plain error); any later
 * failure is a `failed` event.
 */
export async function* parallelWalk(
  ctx: VolumeContext,
  rootRel: string,
  counts: WalkCounts,
  options: WalkOptions,
): AsyncGenerator<WalkEvent, StoppedEarly, undefined> {
  const concurrency = options.concurrency ?? DEFAULT_WALK_CONCURRENCY;
  // Finished calls wait here for the consumer; `wake` resumes a walk waiting for one.
  const completed: Outcome[] = [];
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  // Our own signal: aborted when the client leaves, and when the walk ends early (limits, or a
  // consumer that stopped pulling) so that calls still in flight stop too.
  const controller = new AbortController();
  const onClientGone = () => {
    controller.abort(ctx.signal.reason);
    notify();
  };
  if (ctx.signal.aborted) onClientGone();
  else ctx.signal.addEventListener("abort", onClientGone, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    notify();
  }, options.maxTimeMs);

  // Continuation pages first, so a started folder finishes before new ones open (less held state).
  const continuations: Task[] = [];
  const folders: string[] = [rootRel];
  let nextFolder = 0;
  let foldersStarted = 0;
  let overFolderLimit = false;
  let inFlight = 0;

  const run = async (task: Task): Promise<Outcome> => {
    try {
      if (task.pageToken === undefined && !(await isAllowed(ctx, "list", task.folder, true))) {
        return { task, kind: "skipped" };
      }
      const page = await ctx.exec.files.listPage(joinVolumePath(ctx.volume.path, task.folder), {
        pageToken: task.pageToken,
        signal: controller.signal,
      });
      return { task, kind: "page", entries: page.entries, nextPageToken: page.nextPageToken };
    } catch (error) {
      return { task, kind: "failed", error };
    }
  };

  try {
    for (;;) {
      while (inFlight < concurrency) {
        let task = continuations.pop();
        if (!task && nextFolder < folders.length) {
          task = { folder: folders[nextFolder] as string };
          // Drop the reference so a long walk does not keep every folder name it has done.
          folders[nextFolder++] = "";
          foldersStarted++;
        }
        if (!task) break;
        inFlight++;
        void run(task).then((outcome) => {
          inFlight--;
          completed.push(outcome);
          notify();
        });
      }
      if (inFlight === 0 && completed.length === 0) break;
      while (completed.length === 0 && !timedOut && !ctx.signal.aborted) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (ctx.signal.aborted) return null;
      if (timedOut) return "time";
      const done = completed.shift() as Outcome;
      const { task } = done;
      if (done.kind === "skipped") {
        counts.foldersSkipped++;
        continue;
      }
      if (done.kind === "failed") {
        if (task.folder === rootRel && task.pageToken === undefined) throw done.error;
        counts.foldersFailed++;
        yield { type: "failed", folder: task.folder, error: done.error };
        continue;
      }
      if (task.pageToken === undefined) counts.foldersVisited++;
      if (done.nextPageToken) continuations.push({ folder: task.folder, pageToken: done.nextPageToken });
      for (const entry of done.entries) {
        if (!entry.isDirectory) continue;
        const rel = childRel(ctx, task.folder, entry.name);
        if (rel === undefined) continue;
        // Past the limit, folders are counted as not walked instead of queued without bound.
        if (foldersStarted + (folders.length - nextFolder) >= options.maxFolders) overFolderLimit = true;
        else folders.push(rel);
      }
      yield { type: "page", folder: task.folder, entries: done.entries };
      // Compact the queue now and then: done slots at its head are dead weight.
      if (nextFolder > 4096 && nextFolder * 2 > folders.length) {
        folders.splice(0, nextFolder);
        nextFolder = 0;
      }
    }
    return overFolderLimit ? "folders" : null;
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener("abort", onClientGone);
    controller.abort();
  }
}

/** How often a progress line goes out while the walk runs. */
export const PROGRESS_INTERVAL_MS = 250;

export type WalkStep = IteratorResult<WalkEvent, StoppedEarly>;

/** Starts a walk and waits for its first step, so a refusal of the folder itself is a plain error. */
export async function startWalk(ctx: VolumeContext, input: string | undefined) {
  const { rel } = resolvePath(ctx, input, { allowRoot: true });
  await authorize(ctx, "list", rel, { isDirectory: true });
  const counts: WalkCounts = { foldersVisited: 0, foldersSkipped: 0, foldersFailed: 0 };
  const walk = parallelWalk(ctx, rel, counts, walkOptionsOf(ctx));
  const first = await walk.next();
  return { counts, walk, first };
}
