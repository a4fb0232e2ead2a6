import { queryOptions, useQuery } from "@tanstack/react-query";
import type { MeResponse } from "../../../../shared/api/me";
import type { VolumesResponse } from "../../../../shared/api/volumes";
import { apiJson } from "../../lib/api-client";

export const volumesQueryOptions = () =>
  queryOptions({
    queryKey: ["files", "volumes"],
    queryFn: () => apiJson<VolumesResponse>("/api/files/volumes"),
  });

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ["me"],
    queryFn: () => apiJson<MeResponse>("/api/me"),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useVolumes = () => useQuery(volumesQueryOptions());
export const useMe = () => useQuery(meQueryOptions());
