import type { DirectoryEntry } from "../../../../../shared/api/files";
import type { VolumeInfo } from "../../../../../shared/api/volumes";
import { baseName, parentOf } from "../../../../../shared/paths";
import { announce } from "../../../lib/announcer";
import { countLabel, DeleteDialog } from "./delete-dialog";
import { MoveDialog } from "./move-dialog";
import { NewFolderDialog } from "./new-folder-dialog";

export type DialogState =
  | null
  | { type: "new-folder" }
  | { type: "delete"; targets: DirectoryEntry[] }
  | { type: "move"; targets: DirectoryEntry[] };

interface BrowserDialogsProps {
  dialog: DialogState;
  volume: VolumeInfo;
  path: string;
  relPathOf: (entry: DirectoryEntry) => string;
  onClose: () => void;
  onSelect: (names: string[]) => void;
}

export function BrowserDialogs({ dialog, volume, path, relPathOf, onClose, onSelect }: BrowserDialogsProps) {
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
      return (
        <MoveDialog
          volume={volume}
          targets={dialog.targets}
          relPathOf={relPathOf}
          onClose={onClose}
          onMoved={(moves) => {
            if (moves.length === 0) return;
            const first = moves[0] as { from: string; to: string };
            announce(
              moves.length === 1
                ? `Moved ${baseName(first.from)} to ${first.to}`
                : `Moved ${moves.length} items`,
              "success",
            );
            if (moves.length === dialog.targets.length) onClose();
            // Keep the renamed entries selected when they stay in this folder.
            const here = moves.filter((m) => parentOf(m.to) === path).map((m) => baseName(m.to));
            if (here.length > 0) onSelect(here);
          }}
        />
      );
  }
}
