import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiJson, jsonBody } from "@/lib/api-client";
import { refreshListings } from "../refresh";
import { filesUrl } from "./urls";

export const createDirectory = (volume: string, path: string) =>
  apiJson<{ success: true }>(filesUrl(volume, "mkdir"), { method: "POST", ...jsonBody({ path }) });

export function useCreateDirectory(volume: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => createDirectory(volume, path),
    onSettled: () => refreshListings(client, volume),
  });
}
