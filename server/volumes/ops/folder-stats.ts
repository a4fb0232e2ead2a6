// A folder's recursive totals (subfolders, files, bytes), computed on request by the same
// parallel walk as search, streamed as progress lines and cancellable; never cached, since the
// answer is only as old as the walk.
import type {
  FolderStatsEndLine,
  FolderStatsProgressLine,
  StoppedEarly,
} from "../../../shared/api/streams.js";
import type { VolumeContext } from "../context.js";
import { PROGRESS_INTERVAL_MS, startWalk, type WalkStep } from "./parallel-walk.js";
import { errorLine, folderErrorLine, ndjsonLine } from "./stream-lines.js";

export async function folderStats(
  ctx: VolumeContext,
  input: string | undefined,
): Promise<AsyncGenerator<string, void, undefined>> {
  return statsLines(ctx, await startWalk(ctx, input));
}

async function* statsLines(
  ctx: VolumeContext,
  { counts, walk, first }: Awaited<ReturnType<typeof startWalk>>,
): AsyncGenerator<string, void, undefined> {
  const totals = { folders: 0, files: 0, bytes: 0 };
  let lastProgress = performance.now();
  const line = (type: "progress" | "end", stoppedEarly?: StoppedEarly) =>
    ndjsonLine(
      type === "end"
        ? ({ type, ...totals, ...counts, stoppedEarly: stoppedEarly ?? null } satisfies FolderStatsEndLine)
        : ({ type, ...totals, ...counts } satisfies FolderStatsProgressLine),
    );
  try {
    for (let step: WalkStep = first; ; step = await walk.next()) {
      if (step.done) {
        yield line("end", step.value);
        return;
      }
      const event = step.value;
      if (event.type === "failed") {
        yield folderErrorLine(ctx, event.folder, event.error);
        continue;
      }
      for (const entry of event.entries) {
        if (entry.isDirectory) totals.folders++;
        else {
          totals.files++;
          totals.bytes += entry.fileSize ?? 0;
        }
      }
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        yield line("progress");
      }
    }
  } catch (err) {
    if (ctx.signal.aborted) return;
    yield errorLine(ctx, err, "folder-stats");
  } finally {
    await walk.return(null);
  }
}
