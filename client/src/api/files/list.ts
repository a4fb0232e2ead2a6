import type { DirectoryEntry } from "@shared/api/files";
import { ALLOWED_ACTIONS_HEADER, NEXT_PAGE_TOKEN_HEADER } from "@shared/http-headers";
import { apiFetch } from "@/lib/api-client";
import { filesUrl } from "./urls";

/** The largest page the server allows: fewer round trips for big folders. */
export const LIST_PAGE_SIZE = 1000;

export interface ListPage {
  entries: DirectoryEntry[];
  /** Absent on the last page. A page may be empty and still have a next one. */
  nextPageToken?: string;
  /** What the policy lets the caller do in this folder (absent from servers without it). */
  allowedActions?: string[];
}

export async function fetchListPage(
  volume: string,
  path: string,
  pageToken: string | undefined,
  signal?: AbortSignal,
): Promise<ListPage> {
  const res = await apiFetch(filesUrl(volume, "list", { path, pageSize: LIST_PAGE_SIZE, pageToken }), {
    signal,
  });
  const entries = (await res.json()) as DirectoryEntry[];
  const next = res.headers.get(NEXT_PAGE_TOKEN_HEADER);
  const allowed = res.headers.get(ALLOWED_ACTIONS_HEADER);
  return {
    entries,
    ...(next ? { nextPageToken: next } : {}),
    ...(allowed !== null ? { allowedActions: allowed.split(",").filter(Boolean) } : {}),
  };
}
