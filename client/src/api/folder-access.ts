import { useMemo } from "react";
import type { VolumeInfo } from "../../../shared/api/volumes";
import { folderAccess } from "../lib/volume-access";
import { useDirectoryListing } from "./files/list";

/**
 * The volume as seen from one folder: that folder's allowed actions (its listing's
 * x-allowed-actions, or the policy place it is in until known), within the caller's grants.
 * Shares the folder's listing query, so the browser and the sidebar never ask twice.
 */
export function useFolderAccess(volume: VolumeInfo, path: string): VolumeInfo {
  const allowed = useDirectoryListing(volume.key, path).data?.pages[0]?.allowedActions;
  return useMemo(() => folderAccess(volume, path, allowed), [volume, path, allowed]);
}
