// The cloud the local workspace pretends to run on. Volumes sit on S3 (aws), ADLS (azure) or GCS
// (gcp), and the Files API shows a few of the store's habits:
// - gcp: a directory is only a name prefix, so once its last child is deleted the directory is
//   gone too, and deleting it afterwards answers 404 FILES_API_DIRECTORY_IS_NOT_FOUND (the
//   Databricks CLI's TestFilesClientDeleteDirectoryNotFound, libs/filer/files_client_test.go).
// - Large uploads: multipart on aws/azure, resumable on gcp (not emulated yet: a later issue
//   switches the app's upload path on `Emulator.cloud` / workspace.json's `cloud`).
import { readdir, rmdir } from "node:fs/promises";
import path from "node:path";

export type Cloud = "aws" | "azure" | "gcp";
export const CLOUDS: readonly Cloud[] = ["aws", "azure", "gcp"];
export const DEFAULT_CLOUD: Cloud = "aws";

/** `LOCAL_WORKSPACE_CLOUD`: aws (default), azure or gcp. Throws a message fit for the command line. */
export function parseCloud(raw: string | undefined): Cloud {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "") return DEFAULT_CLOUD;
  if ((CLOUDS as readonly string[]).includes(value)) return value as Cloud;
  throw new Error(`LOCAL_WORKSPACE_CLOUD must be one of ${CLOUDS.join(", ")}, got "${raw}"`);
}

/**
 * On gcp, removes the directories above a deleted entry that are now empty, up to (not including)
 * the volume root. Another request may fill one again meanwhile; then it simply stays.
 */
export async function dropEmptyParents(cloud: Cloud, volumeRoot: string, deleted: string): Promise<void> {
  if (cloud !== "gcp") return;
  let dir = path.dirname(deleted);
  while (dir.startsWith(`${volumeRoot}${path.sep}`)) {
    const entries = await readdir(dir).catch(() => undefined);
    if (!entries || entries.length > 0) return;
    try {
      await rmdir(dir);
    } catch {
      return; // refilled, or already gone
    }
    dir = path.dirname(dir);
  }
}
