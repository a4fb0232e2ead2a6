import { useMemo } from "react";
import type { DirectoryEntry } from "../../../../shared/api/files";
import { useDirectoryListing } from "../../api/files/list";

/** A folder's listing, flattened across the pages loaded so far. */
export function useDirectory(volume: string, path: string) {
  const query = useDirectoryListing(volume, path);
  const pages = query.data?.pages;
  const entries = useMemo<DirectoryEntry[]>(() => pages?.flatMap((p) => p.entries) ?? [], [pages]);
  return { ...query, entries, pageCount: pages?.length ?? 0, allowedActions: pages?.[0]?.allowedActions };
}
