// Checks every configured volume with the app's service principal: does it exist, can the SP
// list it, and (where the policy allows writes) can the SP write. Volumes are checked in
// parallel, each check has its own timeout, and nothing here throws: one broken volume yields
// its own error row and leaves the others alone.
import type { VolumeConfig } from "../config/types.js";
import { checkOnBehalfOfUserVolume } from "./on-behalf-of-user.js";
import type { DiagnoseVolumesOptions } from "./outcome.js";
import { policyAllowsWrites } from "./policy-writes.js";
import { checkServicePrincipalVolume } from "./service-principal-volume.js";
import type { VolumeDiagnostics } from "./types.js";

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

async function diagnoseVolume(
  volume: VolumeConfig,
  options: DiagnoseVolumesOptions,
): Promise<VolumeDiagnostics> {
  const base = {
    key: volume.key,
    path: volume.path,
    fullName: volume.fullName,
    auth: volume.auth,
    policy: volume.policyExpression,
    maxUploadSize: volume.maxUploadSize,
    maxUploadSizeLabel: volume.maxUploadSizeLabel,
  };
  let allowsWrites = true;
  try {
    allowsWrites = await policyAllowsWrites(volume);
    const context = {
      volume,
      allowsWrites,
      options,
      timeoutMs: options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
    };
    const outcome =
      volume.auth === "service-principal"
        ? await checkServicePrincipalVolume(context)
        : await checkOnBehalfOfUserVolume(context);
    const { checks, status, fixes } = outcome;
    return { ...base, policyAllowsWrites: allowsWrites, status, checks, fixes };
  } catch (err) {
    // Only a bug (or a custom policy that throws) gets here; it must not hide the other volumes.
    const detail = `could not check: the diagnostics failed: ${err instanceof Error ? err.message : String(err)}`;
    return {
      ...base,
      policyAllowsWrites: allowsWrites,
      status: "warning",
      checks: [{ name: "exists", ok: null, detail, severity: "warning" }],
      fixes: [],
    };
  }
}

export async function diagnoseVolumes(options: DiagnoseVolumesOptions): Promise<VolumeDiagnostics[]> {
  return Promise.all(options.volumes.map((volume) => diagnoseVolume(volume, options)));
}
