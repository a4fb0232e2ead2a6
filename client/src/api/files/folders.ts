// The sub-folders of one folder, for the destination picker: every page of the listing, folders
// only, plus what the policy allows in that folder (the list response's header).
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../query-keys";
import { fetchListPage } from "./list";

/** Enough for any folder a person picks from; beyond it the picker says the list is cut. */
const MAX_PAGES = 20;

export interface FolderChildren {
  names: string[];
  allowedActions?: string[];
  truncated: boolean;
}

export async function fetchFolderChildren(
  volume: string,
  path: string,
  signal?: AbortSignal,
): Promise<FolderChildren> {
  const names: string[] = [];
  let allowedActions: string[] | undefined;
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchListPage(volume, path, token, signal);
    allowedActions ??= result.allowedActions;
    for (const entry of result.entries) if (entry.is_directory) names.push(entry.name);
    token = result.nextPageToken;
    if (!token) break;
  }
  names.sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" }));
  return { names, ...(allowedActions ? { allowedActions } : {}), truncated: token !== undefined };
}

export const useFolderChildren = (volume: string, path: string, enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.folders(volume, path),
    queryFn: ({ signal }) => fetchFolderChildren(volume, path, signal),
    enabled,
  });
