import type { MeResponse } from "@shared/api/me";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiJson } from "../lib/api-client";
import { queryKeys } from "./query-keys";

export const fetchMe = (signal?: AbortSignal) => apiJson<MeResponse>("/api/me", { signal });

export const meQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.me(),
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useMe = () => useQuery(meQueryOptions());
