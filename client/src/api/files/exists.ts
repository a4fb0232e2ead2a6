import type { ExistsResponse } from "@shared/api/files";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiJson } from "@/lib/api-client";
import { queryKeys } from "../query-keys";
import { filesUrl } from "./urls";

export const fetchExists = (volume: string, path: string, signal?: AbortSignal) =>
  apiJson<ExistsResponse>(filesUrl(volume, "exists", { path }), { signal });

export const existsQueryOptions = (volume: string, path: string) =>
  queryOptions({
    queryKey: queryKeys.exists(volume, path),
    queryFn: () => fetchExists(volume, path),
  });

export const useExists = (volume: string, path: string, enabled = true) =>
  useQuery({ ...existsQueryOptions(volume, path), enabled });
