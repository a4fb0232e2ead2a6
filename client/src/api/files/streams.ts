// The streamed whole-folder routes (server/routes/files/stream-routes.ts): a folder's complete
// listing, search into subfolders, and a folder's recursive totals. Plain functions over fetch,
// cancelled with an AbortSignal; each resolves with the route's end line, so the caller knows
// whether what it received is the whole answer (truncated, stoppedEarly).
import type {
  CompactEntry,
  FolderErrorLine,
  FolderStatsEndLine,
  FolderStatsProgressLine,
  FolderStatsStreamLine,
  ListEndLine,
  ListStreamLine,
  SearchEndLine,
  SearchMatchLine,
  SearchProgressLine,
  SearchStreamLine,
} from "@shared/api/streams";
import { fetchNdjson } from "./ndjson";
import { filesUrl } from "./urls";

export type {
  CompactEntry,
  FolderErrorLine,
  FolderStatsEndLine,
  FolderStatsProgressLine,
  ListEndLine,
  SearchEndLine,
  SearchMatchLine,
  SearchProgressLine,
};

/** Row fields of a CompactEntry, by position. */
export const ROW = { name: 0, isDirectory: 1, size: 2, lastModified: 3 } as const;

export interface StreamFolderOptions {
  signal?: AbortSignal;
  /** What the policy lets the caller do in this folder; called once, before any rows. */
  onStart?: (allowedActions: string[]) => void;
  /** New rows (in the Files API's order, not sorted) and how many have arrived in all. */
  onBatch: (rows: CompactEntry[], read: number) => void;
}

export interface StreamFolderResult extends ListEndLine {
  allowedActions: string[];
}

/** Every entry of `path`, as the server reads the folder's pages. */
export async function streamFolder(
  volume: string,
  path: string,
  options: StreamFolderOptions,
): Promise<StreamFolderResult> {
  let read = 0;
  let allowedActions: string[] = [];
  const end = await fetchNdjson<ListStreamLine, ListEndLine>(filesUrl(volume, "list-stream", { path }), {
    signal: options.signal,
    onLines: (lines) => {
      for (const line of lines) {
        if (line.type === "start") {
          allowedActions = line.allowedActions;
          options.onStart?.(line.allowedActions);
        } else if (line.type === "entries") {
          read += line.entries.length;
          options.onBatch(line.entries, read);
        }
      }
    },
  });
  return { ...end, allowedActions };
}

export interface WalkCallbacks<Progress> {
  signal?: AbortSignal;
  /** Counters so far (search: about every 250 ms while it runs). */
  onProgress?: (progress: Progress) => void;
  /** A folder that could not be listed: its contents are missing from the answer. */
  onFolderError?: (error: FolderErrorLine) => void;
}

export interface SearchOptions extends WalkCallbacks<SearchProgressLine> {
  /** New matches, as found (a chunk's worth at a time). */
  onMatches: (matches: SearchMatchLine[]) => void;
}

/**
 * Searches `path` and every folder below it for names containing `query` (case-insensitive),
 * or matching it as a glob when it holds `*`, `?` or `[`.
 */
export function searchFolder(
  volume: string,
  path: string,
  query: string,
  options: SearchOptions,
): Promise<SearchEndLine> {
  return fetchNdjson<SearchStreamLine, SearchEndLine>(filesUrl(volume, "search", { path, q: query }), {
    signal: options.signal,
    onLines: (lines) => {
      const matches: SearchMatchLine[] = [];
      for (const line of lines) {
        if (line.type === "match") matches.push(line);
        else if (line.type === "progress") options.onProgress?.(line);
        else if (line.type === "folder-error") options.onFolderError?.(line);
      }
      if (matches.length > 0) options.onMatches(matches);
    },
  });
}

/** Recursive totals of `path`: subfolders, files and bytes, with progress while it counts. */
export function folderStats(
  volume: string,
  path: string,
  options: WalkCallbacks<FolderStatsProgressLine> = {},
): Promise<FolderStatsEndLine> {
  return fetchNdjson<FolderStatsStreamLine, FolderStatsEndLine>(filesUrl(volume, "folder-stats", { path }), {
    signal: options.signal,
    onLines: (lines) => {
      for (const line of lines) {
        if (line.type === "progress") options.onProgress?.(line);
        else if (line.type === "folder-error") options.onFolderError?.(line);
      }
    },
  });
}
