import { isWriteAction } from "@shared/actions";
import type { VolumeInfo } from "@shared/api/volumes";
import {
  accessOf,
  canUploadSomewhere,
  MODE_HINT,
  MODE_LABEL,
  ownFolderOf,
  placeName,
  uploadLimitLabel,
} from "@/lib/volume-access";

interface VolumeBadgesProps {
  volume: VolumeInfo;
  /** The volume as seen from the open folder: then the access badge is that folder's ("… here"). */
  here?: VolumeInfo;
  showLimit?: boolean;
}

/**
 * Mode, what you may do (at the root, or `here`), where else you may write (your own folder, a
 * folder a path rule names) and, where you can upload at all, the limit as the admin wrote it.
 */
export function VolumeBadges({ volume, here, showLimit = false }: VolumeBadgesProps) {
  const access = accessOf((here ?? volume).actions);
  const own = ownFolderOf(volume);
  const other = own ? undefined : volume.places.find((p) => p.actions.some(isWriteAction));
  // Where you can write here already, pointing elsewhere would only distract.
  const writable = here?.actions.some(isWriteAction) ? undefined : (own ?? other);
  return (
    <span className="volume-tags">
      <span className={`tag tag-${volume.auth}`} title={MODE_HINT[volume.auth]}>
        {MODE_LABEL[volume.auth]}
      </span>
      <span className={`tag tag-access-${access.replace(" ", "-")}`} title={`Policy: ${volume.policy}`}>
        {access}
        {here && " here"}
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
