// Which volumes "Copy to…" offers as destinations.
import type { VolumeInfo } from "../../../../../shared/api/volumes";
import { canWriteAnything } from "../../../lib/volume-access";

/** Policies that never allow a write anywhere (built-ins). */
const READ_ONLY_POLICIES = new Set(["public-read", "deny-all"]);

/**
 * Volumes the person may write to somewhere. The root's actions say it for most; a policy such
 * as own-folder("users/{email}/") allows writes only deeper down, which the picker then shows
 * folder by folder. Grants that refused writes (deniedBy) hold volume-wide. The current volume
 * comes first.
 */
export function writableVolumes(volumes: VolumeInfo[], current: VolumeInfo): VolumeInfo[] {
  const writable = volumes.filter((v) => {
    if (v.unavailable) return false;
    if (canWriteAnything(v)) return true;
    return !v.deniedBy && !READ_ONLY_POLICIES.has(v.policy.trim());
  });
  const others = writable.filter((v) => v.key !== current.key);
  return writable.some((v) => v.key === current.key) ? [current, ...others] : others;
}
