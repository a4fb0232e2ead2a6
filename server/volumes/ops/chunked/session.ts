// Opening a token on every request after the first: intact (400), this caller's (403), not
// expired (410, and then the upstream session is aborted, so an abandoned one does not linger).
import { AppError } from "../../../errors/app-error.js";
import type { VolumeContext } from "../../context.js";
import { abortQuietly } from "./abort.js";
import type { ChunkedUploadDeps } from "./deps.js";
import type { UploadClaims } from "./upload-token.js";

export function callerHash(ctx: VolumeContext, deps: ChunkedUploadDeps): string {
  const user = ctx.exec.policyUser;
  return deps.sealer.userHash(`${user.isServicePrincipal ? "sp" : "user"}:${user.id}`);
}

export const notYours = () =>
  new AppError(403, "UPLOAD_NOT_YOURS", "This upload was started by someone else, or on another volume.");

export const uploadExpired = () =>
  new AppError(
    410,
    "UPLOAD_EXPIRED",
    "This upload expired (no chunk arrived for too long) and was cancelled; start it again.",
  );

export async function openSession(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  token: string | undefined,
): Promise<UploadClaims> {
  const claims = deps.sealer.open(token);
  if (
    claims.volume !== ctx.volume.key ||
    claims.volumePath !== ctx.volume.path ||
    claims.user !== callerHash(ctx, deps)
  ) {
    throw notYours();
  }
  if (Date.now() > claims.expires) {
    await abortQuietly(ctx, deps, claims);
    throw uploadExpired();
  }
  return claims;
}

/** The same upload with its idle expiry pushed back: the client uses the newest. */
export function renewed(deps: ChunkedUploadDeps, claims: UploadClaims): string {
  return deps.sealer.seal({ ...claims, expires: Date.now() + deps.idleMs });
}
