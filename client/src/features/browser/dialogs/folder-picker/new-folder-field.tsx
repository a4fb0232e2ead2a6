// "New folder" inside the destination picker: a name, then the folder is created right away
// (the person asked for it) and becomes the chosen destination.

import type { VolumeInfo } from "@shared/api/volumes";
import type { KeyboardEvent } from "react";
import { useNewFolder } from "../use-new-folder";

interface NewFolderFieldProps {
  volume: VolumeInfo;
  parent: string;
  onCreated: (name: string) => void;
  onCancel: () => void;
}

export function NewFolderField({ volume, parent, onCreated, onCancel }: NewFolderFieldProps) {
  const { name, setName, error, busy, create } = useNewFolder(volume, parent, onCreated);

  // Inside the dialog's form: Enter creates the folder (not submit the dialog), Escape cancels
  // the field (not close the dialog).
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void create();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="folder-picker-create">
      <label className="field">
        <span className="field-label">New folder in “{parent === "" ? volume.key : parent}”</span>
        <input
          // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked for it
          autoFocus
          className="text-input"
          value={name}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "picker-new-folder-error" : undefined}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={onKeyDown}
          data-testid="picker-new-folder-name"
        />
      </label>
      <div className="folder-picker-create-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          aria-disabled={busy || undefined}
          onClick={() => void create()}
          data-testid="picker-create-folder"
        >
          {busy ? "Creating…" : "Create folder"}
        </button>
      </div>
      {error && (
        <p id="picker-new-folder-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
