import type { VolumeInfo } from "@shared/api/volumes";
import { Dialog } from "@/components/ui/dialog";
import { useNewFolder } from "./use-new-folder";

interface NewFolderDialogProps {
  volume: VolumeInfo;
  parent: string;
  onCreated: (name: string) => void;
  onClose: () => void;
}

export function NewFolderDialog({ volume, parent, onCreated, onClose }: NewFolderDialogProps) {
  const { name, setName, error, busy, create } = useNewFolder(volume, parent, onCreated);

  return (
    <Dialog
      open
      title="New folder"
      onClose={onClose}
      onSubmit={create}
      testId="new-folder-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
            {busy ? "Creating…" : "Create"}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">Name</span>
        <input
          data-autofocus
          className="text-input"
          value={name}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "new-folder-error" : undefined}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      {error && (
        <p id="new-folder-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
