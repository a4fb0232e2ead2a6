// Hierarchical query keys: everything about a volume lives under ['files', volume], so one
// invalidation after a write refreshes every listing and metadata query it may have touched.
export const queryKeys = {
  me: () => ["me"] as const,
  volumes: () => ["volumes"] as const,
  volume: (volume: string) => ["files", volume] as const,
  folders: (volume: string, path: string) => ["files", volume, "folders", path] as const,
  exists: (volume: string, path: string) => ["files", volume, "exists", path] as const,
  metadata: (volume: string, path: string) => ["files", volume, "metadata", path] as const,
  /** Under the file's metadata key, so writes refresh or forget it exactly as they do metadata. */
  preview: (volume: string, path: string) => ["files", volume, "metadata", path, "preview"] as const,
  nearestExisting: (volume: string, path: string) => ["files", volume, "nearest-existing", path] as const,
  /** A folder's every entry, read as one stream (list-stream); refreshed by the same writes. */
  wholeFolder: (volume: string, path: string) => ["files", volume, "list-stream", path] as const,
  /**
   * Preview reads of one file version: its bytes never change, so these are never stale and never
   * invalidated by writes (a rewrite is a new version).
   */
  previewBytes: (file: FileVersion, start: number, end: number) =>
    ["preview-bytes", file.volume, file.path, file.version, start, end] as const,
  parquetMetadata: (file: FileVersion) =>
    ["preview-parquet", file.volume, file.path, file.version, "metadata"] as const,
  parquetRows: (file: FileVersion, rowEnd: number) =>
    ["preview-parquet", file.volume, file.path, file.version, "rows", rowEnd] as const,
};

interface FileVersion {
  volume: string;
  path: string;
  version: string;
}
