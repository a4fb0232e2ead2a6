// Search by name into every subfolder: a parallel walk (parallel-walk.ts) that sends each match
// as soon as its page arrives, progress now and then, and an end line that says whether the
// whole tree was covered or why not (folders, time or matches limit).
import type {
  SearchEndLine,
  SearchMatchLine,
  SearchProgressLine,
  StoppedEarly,
} from "../../../shared/api/streams.js";
import type { VolumeContext } from "../context.js";
import { nameMatcher } from "./name-matcher.js";
import { childRel, PROGRESS_INTERVAL_MS, startWalk, type WalkStep } from "./parallel-walk.js";
import { errorLine, folderErrorLine, ndjsonLine } from "./stream-lines.js";

/** FILES_SEARCH_MAX_MATCHES' default. */
export const DEFAULT_SEARCH_MAX_MATCHES = 10_000;
export async function search(
  ctx: VolumeContext,
  input: string | undefined,
  query: string,
): Promise<AsyncGenerator<string, void, undefined>> {
  const matcher = nameMatcher(query);
  const started = await startWalk(ctx, input);
  return searchLines(ctx, started, matcher, ctx.walkLimits?.searchMaxMatches ?? DEFAULT_SEARCH_MAX_MATCHES);
}

async function* searchLines(
  ctx: VolumeContext,
  { counts, walk, first }: Awaited<ReturnType<typeof startWalk>>,
  matcher: (name: string) => boolean,
  maxMatches: number,
): AsyncGenerator<string, void, undefined> {
  let matches = 0;
  let lastProgress = 0;
  const progress = () => ndjsonLine({ type: "progress", ...counts, matches } satisfies SearchProgressLine);
  const end = (stoppedEarly: StoppedEarly) =>
    ndjsonLine({ type: "end", ...counts, matches, stoppedEarly } satisfies SearchEndLine);
  try {
    for (let step: WalkStep = first; ; step = await walk.next()) {
      if (step.done) {
        yield end(step.value);
        return;
      }
      const event = step.value;
      if (event.type === "failed") {
        yield folderErrorLine(ctx, event.folder, event.error);
        continue;
      }
      // One chunk per page, not one per match.
      let out = "";
      for (const entry of event.entries) {
        if (!matcher(entry.name)) continue;
        const path = childRel(ctx, event.folder, entry.name);
        if (path === undefined) continue;
        out += ndjsonLine({
          type: "match",
          path,
          folder: event.folder,
          name: entry.name,
          isDirectory: entry.isDirectory,
          size: entry.fileSize ?? null,
          lastModified: entry.lastModified ?? null,
        } satisfies SearchMatchLine);
        if (++matches >= maxMatches) {
          yield out + end("matches");
          return;
        }
      }
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        out += progress();
      }
      if (out) yield out;
    }
  } catch (err) {
    if (ctx.signal.aborted) return;
    yield errorLine(ctx, err, "search");
  } finally {
    // Stops the calls still in flight when the client left or a limit ended the search.
    await walk.return(null);
  }
}
