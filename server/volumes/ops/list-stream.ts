// A whole folder as NDJSON lines (shared/api/streams.ts): the server follows the Files API's page
// tokens itself, so a 100,000-entry folder is one request for the browser instead of 100. Each
// upstream page becomes one `entries` line of compact rows, serialised once; on service-principal
// volumes that line is what the read cache keeps, so a cached folder is sent without any
// per-entry work. Pages are pulled by the consumer (the HTTP response), reading at most one
// page ahead: while the socket is full nothing more is asked of the Files API.
import type { FileAction } from "../../../shared/actions.js";
import type { CompactEntry, ListEndLine } from "../../../shared/api/streams.js";
import type { DirectoryEntry } from "../../databricks/list.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import { allowedActions } from "../../policy/allowed-actions.js";
import { auditedRead, authorize, cachedRead, resolvePath, type VolumeContext } from "../context.js";
import { errorLine } from "./stream-lines.js";

/** FILES_LIST_MAX_ENTRIES' default. */
export const DEFAULT_LIST_MAX_ENTRIES = 1_000_000;
/** The Files API's largest (and default) page. */
const PAGE_SIZE = 1000;
/** Guards against an upstream that hands out tokens forever (as listAll does). */
const MAX_PAGES = 100_000;

/** One upstream page, ready to send. Shared through the cache: never mutated. */
export interface StreamPage {
  /** The `entries` line (without its newline), or "" for an empty page. */
  line: string;
  count: number;
  nextPageToken?: string;
}

export interface ListStream {
  allowedActions: FileAction[];
  /** NDJSON lines, each ending in "\n", after the start line. */
  lines: AsyncGenerator<string, void, undefined>;
}

export function compactRow(entry: DirectoryEntry): CompactEntry {
  return [entry.name, entry.isDirectory ? 1 : 0, entry.fileSize ?? null, entry.lastModified ?? null];
}

function entriesLine(rows: CompactEntry[]): string {
  return rows.length === 0 ? "" : JSON.stringify({ type: "entries", entries: rows });
}

export async function listStream(ctx: VolumeContext, input: string | undefined): Promise<ListStream> {
  const { rel, abs } = resolvePath(ctx, input, { allowRoot: true });
  await authorize(ctx, "list", rel, { isDirectory: true });
  const max = ctx.walkLimits?.listMaxEntries ?? DEFAULT_LIST_MAX_ENTRIES;
  const load = (pageToken: string | undefined) =>
    auditedRead(ctx, "list", rel, () =>
      // Keyed apart from the paged list route's pages (those hold a JSON array, these NDJSON lines);
      // a write invalidates every cached answer for the folder, whatever its key's extra part.
      cachedRead(ctx, "list", rel, `stream|${PAGE_SIZE}|${pageToken ?? ""}`, async (signal) => {
        const page = await ctx.exec.files.listPage(abs, { pageSize: PAGE_SIZE, pageToken, signal });
        const out: StreamPage = {
          line: entriesLine(page.entries.map(compactRow)),
          count: page.entries.length,
        };
        if (page.nextPageToken !== undefined) out.nextPageToken = page.nextPageToken;
        return out;
      }),
    );
  // The first page before the first byte: a missing folder or a refusal is a plain JSON error.
  const first = await load(undefined);
  return {
    allowedActions: await allowedActions(ctx.volume.policy, ctx.volume.key, ctx.exec.policyUser, rel),
    lines: pageLines(ctx, first, load, max),
  };
}

const end = (read: number, truncated: boolean): string =>
  `${JSON.stringify({ type: "end", read, truncated } satisfies ListEndLine)}\n`;

/** The first `keep` rows of a page's line (only for the last page under the limit). */
function cutLine(page: StreamPage, keep: number): string {
  const rows = (JSON.parse(page.line) as { entries: CompactEntry[] }).entries.slice(0, keep);
  return entriesLine(rows);
}

async function* pageLines(
  ctx: VolumeContext,
  first: StreamPage,
  load: (pageToken: string | undefined) => Promise<StreamPage>,
  max: number,
): AsyncGenerator<string, void, undefined> {
  let page = first;
  let read = 0;
  try {
    for (let pages = 1; ; pages++) {
      if (read + page.count > max) {
        const line = cutLine(page, max - read);
        if (line) yield `${line}\n`;
        yield end(max, true);
        return;
      }
      const more = page.nextPageToken !== undefined;
      if (more && pages >= MAX_PAGES) {
        throw new UpstreamError(
          502,
          "UPSTREAM_ERROR",
          `The folder listing did not end after ${MAX_PAGES} pages.`,
        );
      }
      // One page ahead: the Files API answers while this page is written to the client.
      const next = more && read + page.count < max ? load(page.nextPageToken) : undefined;
      // Handled where it is awaited; this only keeps an early return from leaving it unobserved.
      next?.catch(() => {});
      if (page.line) yield `${page.line}\n`;
      read += page.count;
      if (!next) {
        yield end(read, more);
        return;
      }
      if (ctx.signal.aborted) return;
      page = await next;
      // A shared (cached) load ignores the client's signal: don't start another for nobody.
      if (ctx.signal.aborted) return;
    }
  } catch (err) {
    // A client that left reads nothing more; anyone else learns the listing is incomplete.
    if (ctx.signal.aborted) return;
    yield errorLine(ctx, err, "list-stream");
  }
}
