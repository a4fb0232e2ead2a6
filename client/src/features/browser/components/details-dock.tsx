// Where the details live: beside the listing on a wide screen (a pane the person can resize,
// with the mouse or the arrow keys, its width remembered), and on a narrow one a sheet over the
// listing with a close button, so the listing keeps the whole width.
import { X } from "lucide-react";
import { type KeyboardEvent, type PointerEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { NARROW_SCREEN, useMediaQuery } from "@/lib/use-media-query";

const WIDTH_KEY = "volumes-browser.details-width";
/** Room for a file's details and a useful preview; the person can resize it (and it is kept). */
export const PANE_DEFAULT = 360;
const PANE_MIN = 240;
const PANE_MAX = 720;
/** The listing beside the pane always keeps this much (details.css caps the pane the same way). */
const LISTING_MIN = 320;
const STEP = 16;

function storedWidth(): number {
  try {
    const value = Number(window.localStorage.getItem(WIDTH_KEY));
    return Number.isFinite(value) && value >= PANE_MIN && value <= PANE_MAX ? value : PANE_DEFAULT;
  } catch {
    return PANE_DEFAULT;
  }
}

function saveWidth(width: number): void {
  try {
    window.localStorage.setItem(WIDTH_KEY, String(Math.round(width)));
  } catch {
    // Storage may be disabled; the width then lasts for this page only.
  }
}

interface DetailsDockProps {
  onClose: () => void;
  children: ReactNode;
}

export function DetailsDock({ onClose, children }: DetailsDockProps) {
  const narrow = useMediaQuery(NARROW_SCREEN);
  return narrow ? (
    <DetailsSheet onClose={onClose}>{children}</DetailsSheet>
  ) : (
    <ResizablePane>{children}</ResizablePane>
  );
}

/** A modal sheet (native <dialog>: focus stays inside, Escape closes, focus returns). */
function DetailsSheet({ onClose, children }: DetailsDockProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  // close() before unmounting: the browser then returns focus to where it was (the listing);
  // a removed dialog would drop it on the page body.
  const close = () => {
    ref.current?.close();
    onClose();
  };
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes it (onCancel); a click on the backdrop is the pointer's way.
    <dialog
      ref={ref}
      className="details-sheet"
      aria-label="Details"
      data-testid="details-sheet"
      onCancel={(event) => {
        // React passes a nested dialog's cancel (the full-screen preview's Escape) up the tree.
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        close();
      }}
      onClick={(event) => {
        // The dialog element itself is hit only on its backdrop (its content fills the box).
        if (event.target === event.currentTarget) close();
      }}
    >
      <div className="details-sheet-bar">
        <span className="details-sheet-grip" aria-hidden="true" />
        <button
          type="button"
          className="icon-btn details-sheet-close"
          aria-label="Close details"
          onClick={close}
          data-testid="close-details"
        >
          <X size={18} aria-hidden="true" />
        </button>
      </div>
      {children}
    </dialog>
  );
}

function ResizablePane({ children }: { children: ReactNode }) {
  const [width, setWidth] = useState(storedWidth);
  const paneRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  // The most the pane may take here: the listing beside it keeps LISTING_MIN.
  const maxWidth = () => {
    const body = paneRef.current?.parentElement?.clientWidth ?? window.innerWidth;
    return Math.max(PANE_MIN, Math.min(PANE_MAX, body - LISTING_MIN));
  };
  const clamp = (w: number) => Math.round(Math.min(maxWidth(), Math.max(PANE_MIN, w)));
  const commit = (w: number) => {
    const next = clamp(w);
    setWidth(next);
    saveWidth(next);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startWidth: paneRef.current?.offsetWidth ?? width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // The handle is on the pane's left edge: moving left widens it.
    setWidth(clamp(drag.current.startWidth + drag.current.startX - event.clientX));
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = null;
    saveWidth(width);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? STEP * 4 : STEP;
    const current = paneRef.current?.offsetWidth ?? width;
    if (event.key === "ArrowLeft") commit(current + step);
    else if (event.key === "ArrowRight") commit(current - step);
    else if (event.key === "Home") commit(PANE_MIN);
    else if (event.key === "End") commit(PANE_MAX);
    else if (event.key === "Enter") commit(PANE_DEFAULT);
    else return;
    event.preventDefault();
  };

  return (
    <div ref={paneRef} className="details-pane" style={{ width }} data-testid="details-pane">
      {/* A focusable separator is the ARIA pattern for a resizable split (window splitter). */}
      {/* biome-ignore lint/a11y/useSemanticElements: <hr> cannot take focus or pointer drags. */}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize details"
        aria-valuenow={width}
        aria-valuemin={PANE_MIN}
        aria-valuemax={PANE_MAX}
        aria-valuetext={`${width} pixels wide`}
        title="Drag, or use the arrow keys, to resize the details (double-click resets)"
        tabIndex={0}
        className="details-resizer"
        data-testid="details-resizer"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        onDoubleClick={() => commit(PANE_DEFAULT)}
      />
      {children}
    </div>
  );
}
