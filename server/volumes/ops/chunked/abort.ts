// Cancelling an upload upstream: nothing partial stays. Multipart: an abort URL, then DELETE on
// it; resumable: DELETE on the session URL; held-open: the open PUT is destroyed.

import { deleteAtStorage } from "../../../databricks/presigned-storage.js";
import type { VolumeContext } from "../../context.js";
import { resolvePath } from "../../context.js";
import type { ChunkedUploadDeps } from "./deps.js";
import { largeUploadsOf } from "./large-uploads.js";
import type { UploadClaims } from "./upload-token.js";

export async function abortUpstream(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  claims: UploadClaims,
): Promise<void> {
  const storage = { timeoutMs: ctx.upstreamTimeoutMs };
  if (claims.mode === "held-open") {
    if (claims.instance === deps.heldOpen.instance) deps.heldOpen.abort(claims.id);
    return;
  }
  if (claims.mode === "resumable" && claims.resumableUrl) {
    await deleteAtStorage(claims.resumableUrl, storage);
    return;
  }
  if (claims.mode === "multipart" && claims.session) {
    const { abs } = resolvePath(ctx, claims.path, { file: true });
    const url = await largeUploadsOf(ctx).abortUrl(
      abs,
      claims.session,
      new Date(Date.now() + deps.partUrlTtlMs),
    );
    await deleteAtStorage(url, storage);
  }
}

/** Aborts upstream after a refusal; a failure to abort is logged (the session expires upstream). */
export async function abortQuietly(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  claims: UploadClaims,
): Promise<void> {
  try {
    await abortUpstream(ctx, deps, claims);
  } catch (err) {
    ctx.log.warn(
      { err, upload: claims.id },
      "could not abort an upload upstream (it expires there on its own)",
    );
  }
}
