// A folder's every entry, read with one streamed request (list-stream) so sorting, filtering
// and End act on the whole folder. Rows show as soon as the first batch is in; while the rest
// is read the cache holds what has arrived so far, marked `done: false`, so the UI can say how
// far it has got and never present that as the whole. Leaving the folder cancels the read
// (react-query aborts the signal when nobody watches the query any more). The stream's first
// line says what the policy allows in the folder, so this one request also serves
// useFolderAccess.

import type { DirectoryEntry } from "@shared/api/files";
import { joinVolumePath } from "@shared/paths";
import { type QueryClient, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../query-keys";
import { type CompactEntry, ROW, streamFolder } from "./streams";

export interface WholeFolder {
  /** In the Files API's order (the view sorts). */
  entries: DirectoryEntry[];
  /** How many entries have been read. */
  read: number;
  /** Every entry has been read. */
  done: boolean;
  /** The folder holds more entries than the server reads for one folder (FILES_LIST_MAX_ENTRIES). */
  truncated: boolean;
  /** What the policy lets the caller do in this folder (known from the stream's first line). */
  allowedActions?: string[];
}

/**
 * How often, at most, a growing folder is shown again while it is read: each time the view sorts
 * it again (measured in Chromium: about 200-300 ms for 100,000 entries), so a bigger folder is
 * shown less often (every 2 s at 100,000), leaving the main thread mostly free meanwhile.
 */
const publishEveryMs = (read: number) => Math.max(300, read / 50);

function toEntry(base: string, row: CompactEntry): DirectoryEntry {
  const size = row[ROW.size];
  const modified = row[ROW.lastModified];
  const name = row[ROW.name];
  return {
    path: `${base}/${name}`,
    name,
    is_directory: row[ROW.isDirectory] === 1,
    ...(size === null ? {} : { file_size: size }),
    ...(modified === null ? {} : { last_modified: modified }),
  };
}

export const wholeFolderQueryOptions = (
  client: QueryClient,
  volume: string,
  volumePath: string,
  path: string,
) => {
  const queryKey = queryKeys.wholeFolder(volume, path);
  return queryOptions({
    queryKey,
    queryFn: async ({ signal }): Promise<WholeFolder> => {
      // A refresh (after a write, say) keeps showing the complete folder it had until the new
      // one is complete, rather than shrinking to the first batch and growing again.
      const showGrowth = client.getQueryData<WholeFolder>(queryKey)?.done !== true;
      const base = joinVolumePath(volumePath, path);
      const entries: DirectoryEntry[] = [];
      let shownAt = 0;
      let allowedActions: string[] | undefined;
      const result = await streamFolder(volume, path, {
        signal,
        onStart: (allowed) => {
          allowedActions = allowed;
        },
        onBatch: (rows, read) => {
          for (const row of rows) entries.push(toEntry(base, row));
          const now = performance.now();
          if (showGrowth && (shownAt === 0 || now - shownAt >= publishEveryMs(read))) {
            shownAt = now;
            client.setQueryData<WholeFolder>(queryKey, {
              entries: entries.slice(),
              read,
              done: false,
              truncated: false,
              ...(allowedActions ? { allowedActions } : {}),
            });
          }
        },
      });
      return {
        entries,
        read: result.read,
        done: true,
        truncated: result.truncated,
        allowedActions: result.allowedActions,
      };
    },
    // Comparing 100k entries with the previous answer costs more than it could ever save.
    structuralSharing: false,
    // Back in the tab: the folder may have changed meanwhile.
    refetchOnWindowFocus: true,
  });
};

/** The whole folder as read so far (see WholeFolder.done), with the query's states. */
export function useWholeFolder(volume: string, volumePath: string, path: string) {
  const client = useQueryClient();
  return useQuery(wholeFolderQueryOptions(client, volume, volumePath, path));
}
