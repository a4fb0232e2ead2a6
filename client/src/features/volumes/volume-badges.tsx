import { isWriteAction } from "../../../../shared/actions";
import type { VolumeInfo } from "../../../../shared/api/volumes";
import {
  accessOf,
  canUploadSomewhere,
  MODE_HINT,
  MODE_LABEL,
  ownFolderOf,
  placeName,
  uploadLimitLabel,
} from "../../lib/volume-access";

/**
 * Mode, what you may do at the volume's root, where you may write besides (your own folder, a
 * folder a path rule names) and, where you can upload at all, the limit as the admin wrote it.
 */
export function VolumeBadges({ volume, showLimit = false }: { volume: VolumeInfo; showLimit?: boolean }) {
  const access = accessOf(volume.actions);
  const own = ownFolderOf(volume);
  const other = own ? undefined : volume.places.find((p) => p.actions.some(isWriteAction));
  const writable = own ?? other;
  return (
    <span className="volume-tags">
      <span className={`tag tag-${volume.auth}`} title={MODE_HINT[volume.auth]}>
        {MODE_LABEL[volume.auth]}
      </span>
      <span className={`tag tag-access-${access.replace(" ", "-")}`} title={`Policy: ${volume.policy}`}>
        {access}
      </span>
      {writable && (
        <span className="tag tag-access-read-write" title={`You can write in ${placeName(writable)}`}>
          {own ? "your folder: writable" : `writable: ${writable.path}/`}
        </span>
      )}
      {showLimit && canUploadSomewhere(volume) && (
        <span className="tag">uploads up to {uploadLimitLabel(volume)}</span>
      )}
    </span>
  );
}
