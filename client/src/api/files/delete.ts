import type { DeleteResponse } from "@shared/api/files";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiJson } from "@/lib/api-client";
import { forgetPaths, refreshListings } from "../refresh";
import { filesUrl } from "./urls";

export const deleteEntry = (volume: string, path: string, recursive: boolean) =>
  apiJson<DeleteResponse>(filesUrl(volume, "", { path, recursive: recursive || undefined }), {
    method: "DELETE",
  });

export interface DeleteTarget {
  path: string;
  isDirectory: boolean;
}

export interface DeleteOutcome {
  deleted: string[];
  failed: Array<{ path: string; message: string }>;
}

/** Deletes one after another and reports each failure, instead of stopping at the first. */
export async function deleteEntries(
  volume: string,
  targets: readonly DeleteTarget[],
): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deleted: [], failed: [] };
  for (const target of targets) {
    try {
      const res = await deleteEntry(volume, target.path, target.isDirectory);
      if (res.success) outcome.deleted.push(target.path);
      for (const f of res.failed ?? []) outcome.failed.push({ path: f.path, message: f.message });
      if (!res.success && (res.failed ?? []).length === 0) {
        outcome.failed.push({ path: target.path, message: "The server could not delete it." });
      }
    } catch (error) {
      outcome.failed.push({
        path: target.path,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcome;
}

export function useDeleteEntries(volume: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (targets: readonly DeleteTarget[]) => deleteEntries(volume, targets),
    onSettled: (outcome) => {
      if (outcome) forgetPaths(client, volume, outcome.deleted);
      return refreshListings(client, volume);
    },
  });
}
