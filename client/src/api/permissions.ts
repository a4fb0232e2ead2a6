// Keeps what the UI offers true while someone is signed in. What a person may do comes from
// GET /api/files/volumes (policy places, and on on-behalf-of-user volumes their Unity Catalog
// grants, probed) and each listing's x-allowed-actions. A grant can change at any time; the
// first sign is a 403 from the server, so every 403 refetches the volumes (which re-probes
// the grants), and returning to the tab does too (refetchOnWindowFocus in volumes.ts).
import type { QueryClient } from "@tanstack/react-query";
import { onForbidden } from "../lib/api-client";
import { queryKeys } from "./query-keys";

export function watchPermissions(client: QueryClient): () => void {
  return onForbidden(() => {
    // Active queries only: the volumes query is always on screen (sidebar) once loaded.
    void client.invalidateQueries({ queryKey: queryKeys.volumes() });
  });
}
