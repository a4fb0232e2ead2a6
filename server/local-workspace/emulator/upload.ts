// PUT /api/2.0/fs/files{path}: raw body, `overwrite` defaults to true, parents are created.
import { lstat, mkdir } from "node:fs/promises";
import path from "node:path";
import { BodyIncompleteError, BodyTooLargeError, commitStaged, discard, stageBody } from "./atomic-write.js";
import { errnoCode, type RequestContext, resolveTarget } from "./context.js";
import { alreadyExists, EmulatorApiError, invalidParameter } from "./errors.js";

const fileExists = () =>
  alreadyExists("The file being created already exists.", "FILES_API_FILE_ALREADY_EXISTS");
const directoryInTheWay = () =>
  alreadyExists("A directory already exists at the path of the file.", "FILES_API_DIRECTORY_ALREADY_EXISTS");
const parentIsFile = () =>
  alreadyExists(
    "A file exists where a parent directory of the path is needed.",
    "FILES_API_FILE_ALREADY_EXISTS",
  );

function tooLarge(limit: number): EmulatorApiError {
  return new EmulatorApiError(
    413,
    "REQUEST_LIMIT_EXCEEDED",
    `The request body exceeds the limit of ${limit} bytes.`,
  );
}

function parseOverwrite(query: URLSearchParams): boolean {
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
  const existing = await lstat(target.absolute).catch((err: unknown) => {
    if (errnoCode(err) === "ENOTDIR") throw parentIsFile();
    return undefined;
  });
  if (existing?.isDirectory()) throw directoryInTheWay();
  if (existing && !overwrite) throw fileExists();

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

  try {
    await mkdir(path.dirname(target.absolute), { recursive: true });
  } catch (err) {
    await discard(staged.tempPath);
    const code = errnoCode(err);
    if (code === "EEXIST" || code === "ENOTDIR") throw parentIsFile();
    throw err;
  }
  try {
    await commitStaged(staged, target.absolute, overwrite);
  } catch (err) {
    const code = errnoCode(err);
    if (code === "EEXIST") throw fileExists();
    if (code === "EISDIR" || code === "ENOTEMPTY") throw directoryInTheWay();
    if (code === "ENOTDIR") throw parentIsFile();
    throw err;
  }
  res.writeHead(204);
  res.end();
}
