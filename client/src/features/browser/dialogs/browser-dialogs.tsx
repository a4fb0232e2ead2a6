import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { baseName, parentOf } from "@shared/paths";
import { announce } from "@/lib/announcer";
import { countLabel, DeleteDialog } from "./delete-dialog";
import { NewFolderDialog } from "./new-folder-dialog";
import { TransferDialog, type TransferDone } from "./transfer-dialog";

export type DialogState =
  | null
  | { type: "new-folder" }
  | { type: "delete"; targets: DirectoryEntry[] }
  | { type: "move" | "copy"; targets: DirectoryEntry[] };

interface BrowserDialogsProps {
  dialog: DialogState;
  volume: VolumeInfo;
  volumes: VolumeInfo[];
  path: string;
  relPathOf: (entry: DirectoryEntry) => string;
  onClose: () => void;
  onSelect: (names: string[]) => void;
}

export function BrowserDialogs(props: BrowserDialogsProps) {
  const { dialog, volume, path, relPathOf, onClose, onSelect } = props;
  if (!dialog) return null;
  switch (dialog.type) {
    case "new-folder":
      return (
        <NewFolderDialog
          volume={volume}
          parent={path}
          onClose={onClose}
          onCreated={(name) => {
            onClose();
            onSelect([name]);
          }}
        />
      );
    case "delete":
      return (
        <DeleteDialog
          volume={volume}
          targets={dialog.targets}
          relPathOf={relPathOf}
          onClose={onClose}
          onDone={(outcome) => {
            const n = outcome.deleted.length;
            if (outcome.failed.length === 0) {
              announce(`Deleted ${countLabel(dialog.targets)}`, "success");
              onClose();
            } else {
              announce(`Deleted ${n} of ${dialog.targets.length}; ${outcome.failed.length} failed`, "error");
            }
          }}
        />
      );
    case "move":
    case "copy":
      return (
        <TransferDialog
          mode={dialog.type}
          volume={volume}
          volumes={props.volumes}
          path={path}
          targets={dialog.targets}
          relPathOf={relPathOf}
          onClose={onClose}
          onDone={(done) => {
            announceTransfer(done);
            if (done.steps.length === dialog.targets.length) onClose();
            // Keep what landed in this folder (renamed, or copied beside the original) selected.
            const here = done.steps
              .filter((s) => done.destination.volume === volume.key && parentOf(s.to) === path)
              .map((s) => baseName(s.to));
            if (here.length > 0) onSelect(here);
          }}
        />
      );
  }
}

function announceTransfer({ mode, steps, destination }: TransferDone): void {
  const first = steps[0];
  if (!first) return;
  const verb = mode === "move" ? "Moved" : "Copied";
  const where = `${destination.volume}/${destination.path}`;
  announce(
    steps.length === 1
      ? `${verb} ${baseName(first.from)} to ${where}`
      : `${verb} ${steps.length} items to ${where}`,
    "success",
  );
}
