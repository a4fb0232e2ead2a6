import type { FilePreview } from "@shared/api/files";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiJson } from "@/lib/api-client";
import { queryKeys } from "../query-keys";
import { filesUrl } from "./urls";

export const fetchPreview = (volume: string, path: string) =>
  apiJson<FilePreview>(filesUrl(volume, "preview", { path }));

/**
 * Under the file's metadata key, so writes treat it as refresh.ts treats metadata: refetched
 * when an upload replaces the file, only marked stale (no 404 asked for) when it is deleted or
 * moved away, and left alone when other files of the volume change.
 */
export const previewQueryOptions = (volume: string, path: string) =>
  queryOptions({
    queryKey: queryKeys.preview(volume, path),
    // Not cancelled when the selection moves on: it is small, and cached for the way back.
    queryFn: () => fetchPreview(volume, path),
    // A path deleted or moved away is invalidated without a refetch (refresh.ts forgetPaths);
    // a pane that mounts for it afterwards must not ask again (a needless 404).
    refetchOnMount: (query) => !query.state.isInvalidated,
  });

export const usePreview = (volume: string, path: string, enabled = true) =>
  useQuery({ ...previewQueryOptions(volume, path), enabled });
