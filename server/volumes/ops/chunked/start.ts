// Starting a chunked upload: every check that can run before a byte is sent (path, policy,
// size limit, conflict), then the upstream session, then the sealed token (docs/uploads.md#1-start).
import { randomUUID } from "node:crypto";
import type { StartUploadBody, StartUploadResponse } from "../../../../shared/api/uploads.js";
import { resolvePath, type VolumeContext } from "../../context.js";
import { checkDeclaredSize, chunkRules } from "./chunk-rules.js";
import { checkWritable } from "./commit-checks.js";
import type { ChunkedUploadDeps } from "./deps.js";
import { largeUploadsOf } from "./large-uploads.js";
import { callerHash } from "./session.js";
import type { UploadClaims } from "./upload-token.js";

export async function startUpload(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  input: StartUploadBody,
): Promise<StartUploadResponse> {
  const target = resolvePath(ctx, input.path, { file: true });
  const overwrite = input.overwrite ?? false;
  checkDeclaredSize(undefined, input.size, ctx.volume);
  await checkWritable(ctx, target, overwrite);

  const now = Date.now();
  const claims: UploadClaims = {
    id: randomUUID(),
    volume: ctx.volume.key,
    volumePath: ctx.volume.path,
    path: target.rel,
    user: callerHash(ctx, deps),
    size: input.size,
    overwrite,
    mode: "held-open",
    created: now,
    expires: now + deps.idleMs,
  };
  const initiated = await largeUploadsOf(ctx).initiate(target.abs, { overwrite, signal: ctx.signal });
  if (initiated.protocol === "none") {
    checkDeclaredSize("held-open", input.size, ctx.volume);
    claims.id = deps.heldOpen.start(ctx.exec.files, target.abs, {
      size: input.size,
      overwrite,
      log: ctx.log,
    });
    claims.instance = deps.heldOpen.instance;
  } else {
    claims.mode = initiated.protocol;
    claims.session = initiated.sessionToken;
    if (initiated.protocol === "resumable") {
      claims.resumableUrl = await largeUploadsOf(ctx).resumableUrl(
        target.abs,
        initiated.sessionToken,
        ctx.signal,
      );
    }
  }
  ctx.log.info(
    { upload: claims.id, mode: claims.mode, path: target.rel, size: input.size },
    "chunked upload started",
  );
  return {
    token: deps.sealer.seal(claims),
    mode: claims.mode,
    path: target.rel,
    size: input.size,
    ...chunkRules(claims.mode, input.size),
    idleSeconds: Math.round(deps.idleMs / 1000),
  };
}
