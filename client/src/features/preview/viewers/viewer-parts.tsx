// Pieces every previewer uses: the loading skeleton, notices, the "how much was read" footer
// with its "Load more", and the rendered/source switch.

import { formatSize } from "@shared/sizes";
import { AlertTriangle, Info } from "lucide-react";
import type { ReactNode } from "react";

export function ViewerLoading({ label = "Loading preview…" }: { label?: string }) {
  return (
    <div className="viewer-loading" role="status" aria-label={label} data-testid="preview-loading">
      <span className="skeleton-bar" style={{ width: "70%" }} />
      <span className="skeleton-bar" style={{ width: "90%" }} />
      <span className="skeleton-bar" style={{ width: "55%" }} />
    </div>
  );
}

export function Notice({
  tone = "info",
  children,
  testId,
}: {
  tone?: "info" | "warning";
  children: ReactNode;
  testId?: string;
}) {
  const Icon = tone === "warning" ? AlertTriangle : Info;
  return (
    <div className={`preview-notice preview-notice-${tone}`} role="note" data-testid={testId}>
      <Icon size={16} aria-hidden="true" />
      <div>{children}</div>
    </div>
  );
}

export function ViewerError({ error }: { error: Error }) {
  return (
    <Notice tone="warning" testId="preview-error">
      The preview could not be loaded: {error.message}
    </Notice>
  );
}

interface ReadStatusProps {
  /** Bytes of the file read so far. */
  read: number;
  size: number;
  complete: boolean;
  /** What was found in what was read, e.g. "2,345 lines". */
  detail?: string;
  loading?: boolean;
  onLoadMore?: (() => void) | undefined;
  moreLabel?: string;
}

/** Says how much of the file the preview is showing, and offers the next range. */
export function ReadStatus({
  read,
  size,
  complete,
  detail,
  loading,
  onLoadMore,
  moreLabel,
}: ReadStatusProps) {
  const extent = complete
    ? `Whole file (${formatSize(size)})`
    : `First ${formatSize(Math.min(read, size))} of ${formatSize(size)}`;
  return (
    <div className="read-status" data-testid="read-status">
      <span>
        {extent}
        {detail ? ` · ${detail}` : ""}
      </span>
      {!complete && onLoadMore && (
        <button type="button" className="btn btn-small" onClick={onLoadMore} data-testid="load-more">
          {moreLabel ?? "Load more"}
        </button>
      )}
      {loading && <span className="muted">Loading…</span>}
    </div>
  );
}

export interface ViewOption<T extends string> {
  value: T;
  label: string;
}

/** A small segmented control (Rendered | Source, Table | Text…). */
export function ViewSwitch<T extends string>({
  options,
  value,
  onChange,
  label,
}: {
  options: readonly ViewOption<T>[];
  value: T;
  onChange: (value: T) => void;
  label: string;
}) {
  return (
    <fieldset className="view-switch" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className="view-switch-btn"
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
