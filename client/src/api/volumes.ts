import type { VolumesResponse } from "@shared/api/volumes";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiJson } from "../lib/api-client";
import { queryKeys } from "./query-keys";

export const fetchVolumes = (signal?: AbortSignal) =>
  apiJson<VolumesResponse>("/api/files/volumes", { signal });

export const volumesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.volumes(),
    queryFn: ({ signal }) => fetchVolumes(signal),
    staleTime: 60_000,
    // What you may do depends on grants that change without the app knowing: coming back to
    // the tab asks again (permissions.ts also refreshes after any 403).
    refetchOnWindowFocus: "always",
  });

export const useVolumes = () => useQuery(volumesQueryOptions());
