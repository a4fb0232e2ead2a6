// The checks that run both before any byte is sent and again at commit: the policy may have
// changed, and a file may have appeared at the path meanwhile (overwrite=false).
import { UpstreamError } from "../../../databricks/upstream-error.js";
import { conflict } from "../../../errors/catalogue.js";
import { authorize, type ResolvedPath, resolvePath, runWrite, type VolumeContext } from "../../context.js";
import { abortQuietly } from "./abort.js";
import type { ChunkedUploadDeps } from "./deps.js";
import type { UploadClaims } from "./upload-token.js";

export async function checkWritable(
  ctx: VolumeContext,
  target: { rel: string; abs: string },
  overwrite: boolean,
): Promise<void> {
  await authorize(ctx, "upload", target.rel, { isDirectory: false });
  if (overwrite) return;
  try {
    await ctx.exec.files.getMetadata(target.abs, { signal: ctx.signal });
  } catch (err) {
    if (err instanceof UpstreamError && err.upstreamStatus === 404) return;
    throw err;
  }
  throw conflict(`A file already exists at "${target.rel}". Choose another name or allow overwriting.`);
}

/**
 * Places the file of a chunked upload, audited as an upload: the commit checks run first (the
 * policy or the name may have changed while the bytes moved), and a refusal aborts the upstream
 * session, so nothing partial remains. `place` makes the file appear (the last resumable chunk,
 * multipart's complete-upload, held-open's last byte).
 */
export function commitUpload<T>(
  ctx: VolumeContext,
  deps: ChunkedUploadDeps,
  claims: UploadClaims,
  place: (target: ResolvedPath) => Promise<T>,
  bytesOf: (result: T) => number,
): Promise<T> {
  const target = resolvePath(ctx, claims.path, { file: true });
  return runWrite(
    ctx,
    { action: "upload", rel: target.rel, invalidation: { createsParents: true } },
    async () => {
      try {
        await checkWritable(ctx, target, claims.overwrite);
      } catch (err) {
        await abortQuietly(ctx, deps, claims);
        throw err;
      }
      return place(target);
    },
    bytesOf,
  );
}
