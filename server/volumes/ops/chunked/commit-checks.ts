// The checks that run both before any byte is sent and again at commit: the policy may have
// changed, and a file may have appeared at the path meanwhile (overwrite=false).
import { UpstreamError } from "../../../databricks/upstream-error.js";
import { conflict } from "../../../errors/catalogue.js";
import { authorize, type VolumeContext } from "../../context.js";

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
