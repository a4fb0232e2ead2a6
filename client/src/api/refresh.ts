// What a write makes stale. Listings (and existence checks) of the volume are refetched; the
// metadata of a path that was deleted or moved away is only marked stale, never refetched, so
// a details panel still showing it does not ask for something that is gone (a needless 404).

import { isSameOrInside } from "@shared/paths";
import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "./query-keys";

export function refreshListings(client: QueryClient, volume: string): Promise<void> {
  return client.invalidateQueries({
    predicate: (query) => {
      const [scope, key, kind] = query.queryKey;
      return scope === "files" && key === volume && kind !== "metadata";
    },
  });
}

/** Paths that no longer exist (deleted, moved away), folders included with everything inside. */
export function forgetPaths(client: QueryClient, volume: string, paths: readonly string[]): void {
  void client.invalidateQueries({
    refetchType: "none",
    predicate: (query) => {
      const [scope, key, kind, path] = query.queryKey;
      return (
        scope === "files" &&
        key === volume &&
        kind === "metadata" &&
        typeof path === "string" &&
        paths.some((p) => isSameOrInside(path, p))
      );
    },
  });
}

/** A file whose content changed in place (an upload that replaced it). */
export function refreshPath(client: QueryClient, volume: string, path: string): Promise<void> {
  // "all": also refetch panes not on screen now, since mounting never refetches an invalidated
  // metadata query (see metadataQueryOptions).
  return client.invalidateQueries({ queryKey: queryKeys.metadata(volume, path), refetchType: "all" });
}
