// Download buttons: one file as itself, anything else (folders, several entries, the folder
// shown when nothing is selected) as one streamed zip. Failures are announced in the app.
import type { DirectoryEntry } from "@shared/api/files";
import { announce } from "@/lib/announcer";
import { errorLine } from "@/lib/describe-error";
import { startDownload } from "@/lib/download";
import { downloadUrl, zipUrl } from "./urls";

/** A plain left click on a download link: take it over (middle-click and "copy link" keep the href). */
export function isPlainClick(event: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

function run(url: string, what: string, started: string): void {
  const failed = (err: unknown) => announce(`Could not download ${what}: ${errorLine(err)}`, "error");
  startDownload(url, failed).then(() => announce(started, "info"), failed);
}

/** One file, as an attachment. */
export function downloadFile(volume: string, path: string, name: string): void {
  run(downloadUrl(volume, path), `“${name}”`, `Downloading ${name}`);
}

/** Entries of the folder at `path` as one zip; none means the folder itself. */
export function downloadZip(
  volume: string,
  path: string,
  folderName: string,
  entries: DirectoryEntry[],
  relPathOf: (entry: DirectoryEntry) => string,
): void {
  const paths = entries.length > 0 ? entries.map(relPathOf) : [path === "" ? "/" : path];
  const name = entries.length === 1 ? `${(entries[0] as DirectoryEntry).name}.zip` : `${folderName}.zip`;
  run(zipUrl(volume, paths, name), name, `Preparing ${name}: the download starts in a moment`);
}
