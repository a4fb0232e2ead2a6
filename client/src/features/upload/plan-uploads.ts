// Turns what was picked or dropped into upload items: each file's target path inside the
// volume, and the files refused before anything is sent (over the volume's limit, or a name
// the server would reject), each with the reason.
import type { VolumeInfo } from "@shared/api/volumes";
import { childPath, normaliseRelativePath } from "@shared/paths";
import { formatSize } from "@shared/sizes";
import { uploadLimitLabel } from "@/lib/volume-access";
import type { PickedTree } from "./dropped-files";
import type { UploadItem } from "./upload-types";

export interface UploadPlan {
  items: UploadItem[];
  /** Canonical paths of empty folders to create. */
  folders: string[];
}

export function planUploads(
  volume: Pick<VolumeInfo, "key" | "path" | "maxUploadSize"> & { maxUploadSizeLabel?: string },
  dir: string,
  tree: PickedTree,
  ids: { batchId: number; nextId: () => number },
): UploadPlan {
  const items = tree.files.map((picked): UploadItem => {
    const checked = normaliseRelativePath(childPath(dir, picked.relativePath), volume.path);
    const item: UploadItem = {
      id: ids.nextId(),
      batchId: ids.batchId,
      volume: volume.key,
      volumeRoot: volume.path,
      file: picked.file,
      target: checked.ok ? checked.path : childPath(dir, picked.relativePath),
      status: "queued",
      loaded: 0,
      overwrite: false,
      keepBoth: false,
    };
    if (!checked.ok) return { ...item, status: "refused", error: `Invalid name: ${checked.reason}.` };
    if (picked.file.size > volume.maxUploadSize) {
      return {
        ...item,
        status: "refused",
        error: `${formatSize(picked.file.size)} is over this volume's limit of ${uploadLimitLabel(volume)} per file.`,
      };
    }
    return item;
  });
  const folders = tree.emptyDirs.flatMap((empty) => {
    const checked = normaliseRelativePath(childPath(dir, empty), volume.path);
    return checked.ok ? [checked.path] : [];
  });
  return { items, folders };
}
