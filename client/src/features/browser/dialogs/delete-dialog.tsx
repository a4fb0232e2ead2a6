import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { useState } from "react";
import { type DeleteOutcome, useDeleteEntries } from "@/api/files/delete";
import { Dialog } from "@/components/ui/dialog";

interface DeleteDialogProps {
  volume: VolumeInfo;
  targets: DirectoryEntry[];
  relPathOf: (entry: DirectoryEntry) => string;
  onDone: (outcome: DeleteOutcome) => void;
  onClose: () => void;
}

const SHOWN = 6;

export function countLabel(targets: readonly DirectoryEntry[]): string {
  const folders = targets.filter((t) => t.is_directory).length;
  const files = targets.length - folders;
  const parts: string[] = [];
  if (files > 0) parts.push(`${files} ${files === 1 ? "file" : "files"}`);
  if (folders > 0) parts.push(`${folders} ${folders === 1 ? "folder" : "folders"}`);
  return parts.join(" and ");
}

export function DeleteDialog({ volume, targets, relPathOf, onDone, onClose }: DeleteDialogProps) {
  const remove = useDeleteEntries(volume.key);
  const [failed, setFailed] = useState<DeleteOutcome["failed"]>([]);
  const folders = targets.filter((t) => t.is_directory).length;
  const count = targets.length;
  const title = count === 1 ? `Delete “${(targets[0] as DirectoryEntry).name}”?` : `Delete ${count} items?`;

  const submit = async () => {
    if (remove.isPending) return;
    const outcome = await remove.mutateAsync(
      targets.map((t) => ({ path: relPathOf(t), isDirectory: t.is_directory })),
    );
    if (outcome.failed.length > 0) setFailed(outcome.failed);
    onDone(outcome);
  };

  return (
    <Dialog
      open
      tone="danger"
      title={title}
      onClose={onClose}
      onSubmit={submit}
      testId="delete-dialog"
      footer={
        <>
          {/* A destructive dialog starts on the safe choice. */}
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-danger-solid"
            aria-disabled={remove.isPending || undefined}
          >
            {remove.isPending ? "Deleting…" : count === 1 ? "Delete" : `Delete ${count} items`}
          </button>
        </>
      }
    >
      <p>
        This permanently deletes {countLabel(targets)} from <strong>{volume.key}</strong>. It cannot be
        undone.
      </p>
      {folders > 0 && <p className="warning-text">Folders are deleted with everything inside them.</p>}
      <ul className="name-list">
        {targets.slice(0, SHOWN).map((t) => (
          <li key={t.name}>
            {t.name}
            {t.is_directory ? "/" : ""}
          </li>
        ))}
        {count > SHOWN && <li className="muted">and {count - SHOWN} more</li>}
      </ul>
      {failed.length > 0 && (
        <div className="field-error" role="alert">
          Could not delete:
          <ul>
            {failed.slice(0, SHOWN).map((f) => (
              <li key={f.path}>
                {f.path}: {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
