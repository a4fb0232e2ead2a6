// The end of a chunked upload: how far it is (status), placing the file (complete) and
// cancelling it (docs/uploads.md#3-status … #5-cancel).
import type { UploadResponse } from "../../../../shared/api/files.js";
import type { CompleteUploadBody, UploadStatusResponse } from "../../../../shared/api/uploads.js";
import { queryResumable } from "../../../databricks/presigned-storage.js";
import { AppError } from "../../../errors/app-error.js";
import { invalidChunk, offsetMismatch, sessionLost } from "../../../errors/catalogue.js";
import { audit, resolvePath, type VolumeContext } from "../../context.js";
import { abortUpstream } from "./abort.js";
import { commitUpload } from "./commit-checks.js";
import type { ChunkedUploadDeps } from "./deps.js";
import { largeUploadsOf } from "./large-uploads.js";
import { openSession } from "./session.js";
import type { Receipt, UploadClaims } from "./upload-token.js";

function storageOptions(ctx: VolumeContext) {
  return { signal: ctx.signal, timeoutMs: ctx.upstreamTimeoutMs };
}

/** Bytes stored so far: the store's word (resumable), this process's count (held-open), or null. */
async function committedOf(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  claims: UploadClaims,
): Promise<number | null> {
  if (claims.mode === "multipart") return null;
  if (claims.mode === "resumable") {
    if (!claims.resumableUrl) throw sessionLost();
    const state = await queryResumable(claims.resumableUrl, storageOptions(ctx));
    return state.done ? claims.size : state.committed;
  }
  if (claims.instance !== deps.heldOpen.instance) throw sessionLost();
  return deps.heldOpen.committed(claims.id);
}

export async function uploadStatus(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  token: string | undefined,
): Promise<UploadStatusResponse> {
  const claims = await openSession(ctx, deps, token);
  return {
    mode: claims.mode,
    path: claims.path,
    size: claims.size,
    committed: await committedOf(ctx, deps, claims),
  };
}

/** The receipts, in part order, covering [0, size) exactly with part numbers rising with offsets. */
export function partsCovering(
  deps: ChunkedUploadDeps,
  claims: UploadClaims,
  texts: readonly unknown[],
): Receipt[] {
  const receipts = texts
    .map((text) => deps.sealer.readReceipt(claims.id, text))
    .sort((a, b) => a.part - b.part);
  let expected = 0;
  let previousPart = 0;
  for (const receipt of receipts) {
    if (receipt.part === previousPart) throw invalidChunk(`Part ${receipt.part} is listed twice.`);
    if (receipt.offset !== expected) {
      throw invalidChunk(
        receipt.offset > expected
          ? `Bytes ${expected}–${receipt.offset - 1} were never sent (no receipt covers them).`
          : `Part ${receipt.part} overlaps the part before it.`,
      );
    }
    expected = receipt.offset + receipt.size;
    previousPart = receipt.part;
  }
  if (expected !== claims.size) {
    throw invalidChunk(
      `The parts hold ${expected} of the ${claims.size} bytes declared; send the rest first.`,
    );
  }
  return receipts;
}

/**
 * Places the file. The policy and the conflict are checked again first (either may have changed
 * while the bytes moved); a refusal aborts the upstream session, so nothing partial remains.
 */
export async function completeUpload(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  token: string | undefined,
  body: CompleteUploadBody,
): Promise<UploadResponse> {
  const claims = await openSession(ctx, deps, token);
  const target = resolvePath(ctx, claims.path, { file: true });
  const done: UploadResponse = { success: true, path: target.rel, size: claims.size };
  if (claims.mode === "resumable") {
    // The last chunk placed the file (and was audited then); this confirms it.
    const committed = await committedOf(ctx, deps, claims);
    if (committed !== claims.size) throw offsetMismatch(committed ?? 0);
    return done;
  }
  if (claims.mode === "held-open" && claims.instance !== deps.heldOpen.instance) throw sessionLost();
  const parts = claims.mode === "multipart" ? partsCovering(deps, claims, body.parts ?? []) : [];
  return commitUpload(
    ctx,
    deps,
    claims,
    async () => {
      if (claims.mode === "held-open") {
        await deps.heldOpen.finish(claims.id);
      } else {
        await largeUploadsOf(ctx).complete(
          target.abs,
          claims.session as string,
          parts.map((p) => ({ partNumber: p.part, etag: p.etag })),
          ctx.signal,
        );
      }
      return done;
    },
    (result) => result.size,
  );
}

/** Cancels the upload upstream; an upload that already expired was aborted when that was noticed. */
export async function cancelUpload(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  token: string | undefined,
): Promise<void> {
  let claims: UploadClaims;
  try {
    claims = await openSession(ctx, deps, token);
  } catch (err) {
    if (err instanceof AppError && err.code === "UPLOAD_EXPIRED") return;
    throw err;
  }
  await abortUpstream(ctx, deps, claims);
  audit(ctx, {
    action: "upload",
    path: claims.path,
    outcome: "failed",
    status: 499,
    reason: "UPLOAD_CANCELLED",
  });
}
