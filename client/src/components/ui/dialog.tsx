// A modal on the native <dialog>: the browser traps focus, makes the page inert, closes on
// Escape and restores focus afterwards, which is most of what an accessible modal needs.
import { X } from "lucide-react";
import { type FormEvent, type ReactNode, useEffect, useId, useRef } from "react";

interface DialogProps {
  title: string;
  /** Rendered only while open; closing unmounts the content. */
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  /** Buttons; a submit button submits `onSubmit`. */
  footer: ReactNode;
  onSubmit?: () => void;
  tone?: "default" | "danger";
  testId?: string;
  width?: number;
}

export function Dialog({
  title,
  open,
  onClose,
  children,
  footer,
  onSubmit,
  tone = "default",
  testId,
  width,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element (the close button); React's autoFocus
      // ran before the dialog was shown. Children mark where focus belongs with data-autofocus.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
  };
  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${tone}`}
      aria-labelledby={titleId}
      data-testid={testId}
      style={width ? { width } : undefined}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <form onSubmit={submit} className="dialog-form">
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
              <X size={16} aria-hidden="true" />
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          <footer className="dialog-footer">{footer}</footer>
        </form>
      )}
    </dialog>
  );
}
