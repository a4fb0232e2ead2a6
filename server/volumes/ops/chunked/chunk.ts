// One chunk of a chunked upload (docs/uploads.md#2-chunk): checked against the token and the
// mode's rules before a byte moves, then streamed (never buffered) to where the mode puts it:
// a presigned part URL (multipart), the resumable session at its offset, or the PUT this
// process holds open.
import type { Readable } from "node:stream";
import type { ChunkResponse } from "../../../../shared/api/uploads.js";
import { putPart, putResumableChunk } from "../../../databricks/presigned-storage.js";
import { upstreamFailure } from "../../../databricks/upstream-error.js";
import { invalidChunk, offsetMismatch, sessionLost } from "../../../errors/catalogue.js";
import { resolvePath, type VolumeContext } from "../../context.js";
import { checkChunk } from "./chunk-rules.js";
import { commitUpload } from "./commit-checks.js";
import type { ChunkedUploadDeps } from "./deps.js";
import { largeUploadsOf } from "./large-uploads.js";
import { openSession, renewed } from "./session.js";
import type { UploadClaims } from "./upload-token.js";

export interface ChunkInput {
  offset: number;
  /** Multipart only. */
  part?: number;
  /** The request's Content-Length: the chunk's exact size. */
  size: number;
}

export async function sendChunk(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  token: string | undefined,
  input: ChunkInput,
  body: Readable,
): Promise<ChunkResponse> {
  const claims = await openSession(ctx, deps, token);
  if (input.size < 1) throw invalidChunk("A chunk needs at least one byte (Content-Length).");
  if ((claims.mode === "multipart") !== (input.part !== undefined)) {
    throw invalidChunk(
      claims.mode === "multipart"
        ? "This upload sends parts: every chunk needs a part number (?part=1…10000)."
        : "This upload sends chunks in order: a chunk takes no part number.",
    );
  }
  checkChunk(claims.mode, claims.size, input.offset, input.size);
  // Turned away before reading the body when the process moves as many chunks as it may.
  const release = deps.limiter.acquire();
  try {
    const answer = { offset: input.offset, size: input.size, token: renewed(deps, claims) };
    if (claims.mode === "multipart") {
      return { ...answer, ...(await sendPart(ctx, deps, claims, input, body)), committed: null };
    }
    if (claims.mode === "resumable") {
      return { ...answer, committed: await sendResumable(ctx, deps, claims, input, body) };
    }
    if (claims.instance !== deps.heldOpen.instance) throw sessionLost();
    return { ...answer, committed: await deps.heldOpen.write(claims.id, body, input.offset, input.size) };
  } finally {
    release();
  }
}

/** A fresh part URL right before use (short-lived), then the bytes; the receipt records the ETag. */
async function sendPart(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  claims: UploadClaims,
  input: ChunkInput,
  body: Readable,
): Promise<{ part: number; receipt: string }> {
  const part = input.part as number;
  const { abs } = resolvePath(ctx, claims.path, { file: true });
  const [url] = await largeUploadsOf(ctx).partUrls(
    abs,
    claims.session as string,
    { start: part, count: 1, expireTime: new Date(Date.now() + deps.partUrlTtlMs) },
    ctx.signal,
  );
  if (!url || url.partNumber !== part) {
    throw upstreamFailure("UPSTREAM_ERROR", `The Files API did not hand out a URL for part ${part}.`);
  }
  const etag = await putPart(url, body, input.size, { signal: ctx.signal, timeoutMs: ctx.upstreamTimeoutMs });
  const receipt = deps.sealer.receipt(claims.id, { part, offset: input.offset, size: input.size, etag });
  return { part, receipt };
}

/**
 * Sends the chunk at its offset; the store answers what it committed. The last chunk places the
 * file, so the commit checks (policy, conflict) run before it, and it is audited as the upload.
 */
async function sendResumable(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  claims: UploadClaims,
  input: ChunkInput,
  body: Readable,
): Promise<number> {
  const url = claims.resumableUrl;
  if (!url) throw sessionLost();
  const storage = { signal: ctx.signal, timeoutMs: ctx.upstreamTimeoutMs };
  const end = input.offset + input.size;
  if (end < claims.size) {
    const state = await putResumableChunk(url, body, { start: input.offset, size: input.size }, storage);
    const committed = state.done ? claims.size : state.committed;
    if (committed < end) throw offsetMismatch(committed);
    return committed;
  }
  return commitUpload(
    ctx,
    deps,
    claims,
    async () => {
      const range = { start: input.offset, size: input.size, total: claims.size };
      const state = await putResumableChunk(url, body, range, storage);
      if (!state.done) throw offsetMismatch(state.committed);
      return claims.size;
    },
    (size) => size,
  );
}
