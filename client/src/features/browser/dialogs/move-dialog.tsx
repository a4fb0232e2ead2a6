// Rename or move within the volume. One entry: edit its whole volume-relative path (a new name,
// a new folder, or both). Several: pick a destination folder.
import { useEffect, useRef, useState } from "react";
import type { DirectoryEntry } from "../../../../../shared/api/files";
import type { VolumeInfo } from "../../../../../shared/api/volumes";
import { baseName, childPath, parentOf } from "../../../../../shared/paths";
import { useMoveEntry } from "../../../api/files/move";
import { Dialog } from "../../../components/ui/dialog";
import { errorLine } from "../../../lib/describe-error";
import { checkDestination } from "./name-rules";

interface MoveDialogProps {
  volume: VolumeInfo;
  targets: DirectoryEntry[];
  relPathOf: (entry: DirectoryEntry) => string;
  onMoved: (moves: Array<{ from: string; to: string }>) => void;
  onClose: () => void;
}

export function MoveDialog({ volume, targets, relPathOf, onMoved, onClose }: MoveDialogProps) {
  const single = targets.length === 1;
  const first = relPathOf(targets[0] as DirectoryEntry);
  const [value, setValue] = useState(single ? first : parentOf(first));
  const [error, setError] = useState<string | null>(null);
  const move = useMoveEntry(volume.key);
  const inputRef = useRef<HTMLInputElement>(null);

  // Select the name without its extension, the part people usually change (once, on open).
  useEffect(() => {
    const input = inputRef.current;
    if (!single || !input) return;
    const text = input.value;
    const nameStart = text.lastIndexOf("/") + 1;
    const dot = text.lastIndexOf(".");
    input.setSelectionRange(nameStart, dot > nameStart ? dot : text.length);
  }, [single]);

  const submit = async () => {
    if (move.isPending) return;
    const check = checkDestination(value, volume.path);
    if (!check.ok) return setError(check.reason);
    const plan = targets.map((t) => {
      const from = relPathOf(t);
      return { from, to: single ? check.path : childPath(check.path, t.name) };
    });
    const changed = plan.filter((p) => p.from !== p.to);
    if (changed.length === 0) return onClose();
    if (changed.some((p) => p.to === p.from || p.to.startsWith(`${p.from}/`))) {
      return setError("A folder cannot be moved into itself.");
    }
    const done: Array<{ from: string; to: string }> = [];
    for (const step of changed) {
      try {
        const result = await move.mutateAsync(step);
        if (!result.success) {
          const detail = result.failed?.map((f) => `${f.path}: ${f.message}`).join("; ");
          setError(
            `Moved ${result.moved} files of “${baseName(step.from)}”, but some failed: ${detail ?? "unknown"}`,
          );
          return onMoved(done);
        }
        done.push(step);
      } catch (err) {
        setError(`“${baseName(step.from)}”: ${errorLine(err)}`);
        if (done.length > 0) onMoved(done);
        return;
      }
    }
    onMoved(done);
  };

  return (
    <Dialog
      open
      title={
        single ? `Rename or move “${(targets[0] as DirectoryEntry).name}”` : `Move ${targets.length} items`
      }
      onClose={onClose}
      onSubmit={submit}
      testId="move-dialog"
      width={520}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={move.isPending || undefined}>
            {move.isPending ? "Moving…" : single ? "Rename" : "Move"}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">
          {single ? "New name or path in the volume" : "Destination folder"}
        </span>
        <span className="input-with-prefix">
          <span className="input-prefix">{volume.path}/</span>
          <input
            data-autofocus
            className="text-input"
            value={value}
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "move-error" : "move-hint"}
            ref={inputRef}
            onChange={(event) => {
              setValue(event.target.value);
              setError(null);
            }}
            data-testid="move-input"
          />
        </span>
      </label>
      <p id="move-hint" className="muted small">
        Use “/” to move into another folder of this volume. Folders are copied file by file, then removed.
      </p>
      {error && (
        <p id="move-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
