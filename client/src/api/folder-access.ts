import type { VolumeInfo } from "@shared/api/volumes";
import { useMemo } from "react";
import { folderAccess } from "../lib/volume-access";
import { useWholeFolder } from "./files/whole-folder";

/**
 * The volume as seen from one folder: that folder's allowed actions (its streamed listing's
 * first line, or the policy place it is in until known), within the caller's grants.
 * Shares the folder's listing query, so the browser and the sidebar never ask twice.
 */
export function useFolderAccess(volume: VolumeInfo, path: string): VolumeInfo {
  const allowed = useWholeFolder(volume.key, volume.path, path).data?.allowedActions;
  return useMemo(() => folderAccess(volume, path, allowed), [volume, path, allowed]);
}
