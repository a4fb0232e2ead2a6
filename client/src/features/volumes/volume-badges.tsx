import type { VolumeInfo } from "../../../../shared/api/volumes";
import { formatSize } from "../../../../shared/sizes";
import { accessOf, MODE_HINT, MODE_LABEL } from "../../lib/volume-access";

export function VolumeBadges({ volume, showLimit = false }: { volume: VolumeInfo; showLimit?: boolean }) {
  const access = accessOf(volume.actions);
  return (
    <span className="volume-tags">
      <span className={`tag tag-${volume.auth}`} title={MODE_HINT[volume.auth]}>
        {MODE_LABEL[volume.auth]}
      </span>
      <span className={`tag tag-access-${access.replace(" ", "-")}`} title={`Policy: ${volume.policy}`}>
        {access}
      </span>
      {showLimit && <span className="tag">uploads up to {formatSize(volume.maxUploadSize)}</span>}
    </span>
  );
}
