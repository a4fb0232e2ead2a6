import type { MoveResponse } from "@shared/api/files";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiJson, jsonBody } from "@/lib/api-client";
import { forgetPaths, refreshListings } from "../refresh";
import { filesUrl } from "./urls";

export interface MoveRequest {
  from: string;
  to: string;
  overwrite?: boolean;
}

export const moveEntry = (volume: string, request: MoveRequest) =>
  apiJson<MoveResponse>(filesUrl(volume, "move"), { method: "POST", ...jsonBody(request) });

export function useMoveEntry(volume: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: MoveRequest) => moveEntry(volume, request),
    onSettled: (result, _error, request) => {
      if (result?.success) forgetPaths(client, volume, [request.from]);
      return refreshListings(client, volume);
    },
  });
}
