import type { CopyBody, CopyResponse } from "@shared/api/files";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiJson, jsonBody } from "@/lib/api-client";
import { refreshListings } from "../refresh";
import { filesUrl } from "./urls";

/** The route's own body schema (`toVolume`: the destination volume; the source's own when absent). */
export type CopyRequest = CopyBody;

export const copyEntry = (volume: string, request: CopyRequest) =>
  apiJson<CopyResponse>(filesUrl(volume, "copy"), { method: "POST", ...jsonBody(request) });

export function useCopyEntry(volume: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CopyRequest) => copyEntry(volume, request),
    // Only the destination changed.
    onSettled: (_result, _error, request) => refreshListings(client, request.toVolume ?? volume),
  });
}
