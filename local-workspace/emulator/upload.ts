// PUT /api/2.0/fs/files{path}: raw body, `overwrite` defaults to true, parents are created.
import { BodyIncompleteError, BodyTooLargeError, stageBody } from "./atomic-write.js";
import { type RequestContext, resolveTarget } from "./context.js";
import { EmulatorApiError, invalidParameter } from "./errors.js";
import { checkTargetFree, directoryInTheWay, placeFile } from "./place-file.js";

function tooLarge(limit: number): EmulatorApiError {
  return new EmulatorApiError(
    413,
    "REQUEST_LIMIT_EXCEEDED",
    `The request body exceeds the limit of ${limit} bytes.`,
  );
}

export function parseOverwrite(query: URLSearchParams): boolean {
  const value = query.get("overwrite");
  if (value === null) return true;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw invalidParameter(`Invalid value for 'overwrite': '${value}'. Expected true or false.`);
}

export async function handleUpload(ctx: RequestContext, rawPath: string): Promise<void> {
  const { req, res, env } = ctx;
  const target = await resolveTarget(ctx, rawPath, { directory: false, access: "write" });
  if (target.vpath.segments.length === 0) throw directoryInTheWay();
  const overwrite = parseOverwrite(ctx.query);
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > env.maxPutBytes) throw tooLarge(env.maxPutBytes);

  // Fail fast before taking the body; the same conflicts are re-checked atomically at commit.
  await checkTargetFree(target.absolute, overwrite);

  if (req.headers.expect?.toLowerCase() === "100-continue") res.writeContinue();
  let staged: Awaited<ReturnType<typeof stageBody>>;
  try {
    staged = await stageBody(req, {
      stagingDir: env.stagingDir,
      maxBytes: env.maxPutBytes,
      resetAfterBytes: ctx.fault?.resetAfterBytes,
      onBytes: (n) => env.stats.recordReceived(target.vpath.path, n),
    });
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw tooLarge(env.maxPutBytes);
    if (err instanceof BodyIncompleteError || req.destroyed) {
      env.log(`PUT ${target.vpath.path}: body incomplete, nothing written`);
      res.destroy();
      return;
    }
    throw err;
  }

  await placeFile(staged, target.absolute, overwrite);
  res.writeHead(204);
  res.end();
}
