import type { FileMetadata } from "@shared/api/files";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiJson } from "@/lib/api-client";
import { queryKeys } from "../query-keys";
import { filesUrl } from "./urls";

export const fetchMetadata = (volume: string, path: string, signal?: AbortSignal) =>
  apiJson<FileMetadata>(filesUrl(volume, "metadata", { path }), { signal });

export const metadataQueryOptions = (volume: string, path: string) =>
  queryOptions({
    queryKey: queryKeys.metadata(volume, path),
    // Not cancelled when the selection moves on: it is tiny, and the answer is cached for later.
    queryFn: () => fetchMetadata(volume, path),
    // A path deleted or moved away is invalidated without a refetch (refresh.ts forgetPaths);
    // a pane that mounts for it afterwards must not ask again (a needless 404).
    refetchOnMount: (query) => !query.state.isInvalidated,
  });

export const useMetadata = (volume: string, path: string, enabled = true) =>
  useQuery({ ...metadataQueryOptions(volume, path), enabled });
