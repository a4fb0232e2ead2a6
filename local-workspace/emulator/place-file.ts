// Moves a completely staged file to its place in a volume: parents are created, and conflicts are
// the Files API's 409s. Shared by the single-request PUT and by completed multipart/resumable
// uploads, so every way of writing a file ends the same way (atomic, nothing partial).
import { lstat, mkdir } from "node:fs/promises";
import path from "node:path";
import { commitStaged, discard, type StagedFile } from "./atomic-write.js";
import { errnoCode } from "./context.js";
import { alreadyExists } from "./errors.js";

const FILE_EXISTS_MESSAGE = "The file being created already exists.";
export const fileExists = () => alreadyExists(FILE_EXISTS_MESSAGE, "FILES_API_FILE_ALREADY_EXISTS");
/** The conflict of a file already at the path when overwrite is false (not a directory or parent clash). */
export const isFileExists = (err: unknown) => err instanceof Error && err.message === FILE_EXISTS_MESSAGE;
export const directoryInTheWay = () =>
  alreadyExists("A directory already exists at the path of the file.", "FILES_API_DIRECTORY_ALREADY_EXISTS");
export const parentIsFile = () =>
  alreadyExists(
    "A file exists where a parent directory of the path is needed.",
    "FILES_API_FILE_ALREADY_EXISTS",
  );

/** Fails fast (before any body is taken) on the conflicts that `placeFile` re-checks atomically. */
export async function checkTargetFree(absolute: string, overwrite: boolean): Promise<void> {
  const existing = await lstat(absolute).catch((err: unknown) => {
    if (errnoCode(err) === "ENOTDIR") throw parentIsFile();
    return undefined;
  });
  if (existing?.isDirectory()) throw directoryInTheWay();
  if (existing && !overwrite) throw fileExists();
}

/** Renames (or, without overwrite, links) the staged file into place; the staged file is always gone after. */
export async function placeFile(staged: StagedFile, absolute: string, overwrite: boolean): Promise<void> {
  try {
    await mkdir(path.dirname(absolute), { recursive: true });
  } catch (err) {
    await discard(staged.tempPath);
    const code = errnoCode(err);
    if (code === "EEXIST" || code === "ENOTDIR") throw parentIsFile();
    throw err;
  }
  try {
    await commitStaged(staged, absolute, overwrite);
  } catch (err) {
    const code = errnoCode(err);
    if (code === "EEXIST") throw fileExists();
    if (code === "EISDIR" || code === "ENOTEMPTY") throw directoryInTheWay();
    if (code === "ENOTDIR") throw parentIsFile();
    throw err;
  }
}
