// Files dragged from the desktop onto the listing: onto a folder row they go into that folder,
// anywhere else into the folder on screen. Whoever composes the browser decides what a drop does.
import { Upload } from "lucide-react";
import { type DragEvent, type ReactNode, useRef, useState } from "react";

interface DropZoneProps {
  /** Undefined when dropping is not possible at all (the reason is shown instead). */
  onDrop?: (folderName: string | null, dataTransfer: DataTransfer) => void;
  unavailable?: string;
  folderLabel: string;
  /** Tells the grid which folder row to highlight. */
  onTargetChange: (folderName: string | null) => void;
  children: ReactNode;
}

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");

function folderRowName(target: EventTarget | null): string | null {
  const row = target instanceof Element ? target.closest<HTMLElement>("[data-dir='true']") : null;
  return row?.dataset.name ?? null;
}

export function DropZone({ onDrop, unavailable, folderLabel, onTargetChange, children }: DropZoneProps) {
  const [over, setOver] = useState<{ folder: string | null } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const allowed = onDrop !== undefined && !unavailable;

  const update = (next: { folder: string | null } | null) => {
    setOver((prev) => (prev?.folder === next?.folder && !prev === !next ? prev : next));
    onTargetChange(next?.folder ?? null);
  };

  return (
    // Dropping is an extra way in for pointer users; the Upload buttons are the keyboard path.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above.
    <div
      ref={ref}
      className={`drop-zone${over && over.folder === null ? " is-over" : ""}`}
      data-testid="drop-zone"
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = allowed ? "copy" : "none";
        update({ folder: allowed ? folderRowName(event.target) : null });
      }}
      onDragLeave={(event) => {
        if (!ref.current?.contains(event.relatedTarget as Node | null)) update(null);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        const folder = folderRowName(event.target);
        update(null);
        if (allowed) onDrop(folder, event.dataTransfer);
      }}
    >
      {children}
      {over && over.folder === null && (
        <div className={`drop-overlay${allowed ? "" : " is-refused"}`} aria-hidden="true">
          <Upload size={20} />
          <span>{allowed ? `Drop to upload to ${folderLabel}` : unavailable}</span>
        </div>
      )}
    </div>
  );
}
