import { useState } from "react";
import type { VolumeInfo } from "../../../../../shared/api/volumes";
import { fetchExists } from "../../../api/files/exists";
import { useCreateDirectory } from "../../../api/files/mkdir";
import { Dialog } from "../../../components/ui/dialog";
import { announce } from "../../../lib/announcer";
import { errorLine } from "../../../lib/describe-error";
import { checkChildName } from "./name-rules";

interface NewFolderDialogProps {
  volume: VolumeInfo;
  parent: string;
  onCreated: (name: string) => void;
  onClose: () => void;
}

export function NewFolderDialog({ volume, parent, onCreated, onClose }: NewFolderDialogProps) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const mkdir = useCreateDirectory(volume.key);
  const busy = checking || mkdir.isPending;

  const submit = async () => {
    if (busy) return;
    const check = checkChildName(name, parent, volume.path);
    if (!check.ok) return setError(check.reason);
    setChecking(true);
    try {
      // mkdir is idempotent upstream, so an existing name would "succeed" silently; ask first.
      const existing = await fetchExists(volume.key, check.path);
      if (existing.exists) {
        setError(`“${name}” already exists here.`);
        return;
      }
      await mkdir.mutateAsync(check.path);
      announce(`Created folder ${name}`, "success");
      onCreated(name);
    } catch (err) {
      setError(errorLine(err));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Dialog
      open
      title="New folder"
      onClose={onClose}
      onSubmit={submit}
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
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
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
