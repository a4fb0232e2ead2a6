// The preview of one file over the whole window, on a native modal <dialog>: the page behind
// is inert, Escape closes it, and focus returns to where it was.
import { Download, X } from "lucide-react";
import { type ReactNode, useEffect, useRef } from "react";
import { isPlainClick } from "@/api/files/download";

interface FullScreenPreviewProps {
  name: string;
  detail: string;
  downloadHref?: string | undefined;
  /** Starts the download in the app (failures shown there, not saved as a file). */
  onDownload?: () => void;
  onClose: () => void;
  children: ReactNode;
}

export function FullScreenPreview({
  name,
  detail,
  downloadHref,
  onDownload,
  onClose,
  children,
}: FullScreenPreviewProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="preview-fullscreen"
      aria-label={`Preview of ${name}`}
      data-testid="preview-fullscreen"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="preview-fullscreen-header">
        <h2>{name}</h2>
        <span className="muted">{detail}</span>
        <span className="preview-fullscreen-actions">
          {downloadHref && (
            <a
              className="btn"
              href={downloadHref}
              download
              onClick={(event) => {
                if (!onDownload || !isPlainClick(event)) return;
                event.preventDefault();
                onDownload();
              }}
            >
              <Download size={16} aria-hidden="true" /> Download
            </a>
          )}
          <button
            type="button"
            className="icon-btn"
            aria-label="Close full screen (Escape)"
            title="Close (Escape)"
            onClick={onClose}
            data-testid="close-fullscreen"
          >
            <X size={18} aria-hidden="true" />
          </button>
        </span>
      </header>
      <div className="preview-fullscreen-body">{children}</div>
    </dialog>
  );
}
