// Hierarchical query keys: everything about a volume lives under ['files', volume], so one
// invalidation after a write refreshes every listing and metadata query it may have touched.
export const queryKeys = {
  me: () => ["me"] as const,
  volumes: () => ["volumes"] as const,
  volume: (volume: string) => ["files", volume] as const,
  folders: (volume: string, path: string) => ["files", volume, "folders", path] as const,
  exists: (volume: string, path: string) => ["files", volume, "exists", path] as const,
  metadata: (volume: string, path: string) => ["files", volume, "metadata", path] as const,
  nearestExisting: (volume: string, path: string) => ["files", volume, "nearest-existing", path] as const,
  /** A folder's every entry, read as one stream (list-stream); refreshed by the same writes. */
  wholeFolder: (volume: string, path: string) => ["files", volume, "list-stream", path] as const,
};
