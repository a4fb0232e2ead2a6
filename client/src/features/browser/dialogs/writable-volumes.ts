// Which volumes "Copy to…" offers as destinations.
import type { VolumeInfo } from "@shared/api/volumes";
import { canWriteAnything } from "@/lib/volume-access";

/**
 * Volumes the person may write to somewhere: at the root, or in one of the places the server says
 * the policy allows more (their own folder under own-folder(…), a path(…) rule's folder). Grants
 * that refuse writes hold volume-wide. The picker then shows each folder's own verdict. The
 * current volume comes first.
 */
export function writableVolumes(volumes: VolumeInfo[], current: VolumeInfo): VolumeInfo[] {
  const writable = volumes.filter((v) => {
    if (v.unavailable || v.grantsDeny?.includes("write")) return false;
    return canWriteAnything(v) || v.places.some((place) => canWriteAnything(place));
  });
  const others = writable.filter((v) => v.key !== current.key);
  return writable.some((v) => v.key === current.key) ? [current, ...others] : others;
}
