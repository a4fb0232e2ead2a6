import type { VolumeInfo } from "@shared/api/volumes";
import { announce } from "@/lib/announcer";
import { collectDropped, pickedFromInput, takeDropped } from "./dropped-files";
import type { UploadStore } from "./upload-store";

/** Call from the drop event itself: the DataTransfer is only readable until it returns. */
export function uploadDropped(
  uploads: UploadStore,
  volume: VolumeInfo,
  dir: string,
  dataTransfer: DataTransfer,
): void {
  const taken = takeDropped(dataTransfer);
  collectDropped(taken).then(
    (tree) => {
      if (tree.files.length === 0 && tree.emptyDirs.length === 0)
        announce("Nothing to upload in what was dropped.", "info");
      else uploads.enqueue(volume, dir, tree);
    },
    (err: unknown) => announce(`Could not read the dropped files: ${String(err)}`, "error"),
  );
}

export function uploadPicked(uploads: UploadStore, volume: VolumeInfo, dir: string, files: FileList): void {
  if (files.length > 0) uploads.enqueue(volume, dir, pickedFromInput(files));
}
