import { uploadExpired, uploadNotYours } from "../../../errors/catalogue.js";
import type { VolumeContext } from "../../context.js";
import { abortQuietly } from "./abort.js";
import type { ChunkedUploadDeps } from "./deps.js";
import type { UploadClaims } from "./upload-token.js";

export function callerHash(ctx: VolumeContext, deps: ChunkedUploadDeps): string {
  const user = ctx.exec.policyUser;
  return deps.sealer.userHash(`${user.isServicePrincipal ? "sp" : "user"}:${user.id}`);
}

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
    throw uploadNotYours();
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
