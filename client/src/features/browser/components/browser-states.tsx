// The designed states of a folder view: each says what happened and what can be done next.
import {
  CircleAlert,
  FolderOpen,
  FolderX,
  KeyRound,
  Lock,
  RefreshCw,
  SearchX,
  ShieldAlert,
  WifiOff,
} from "lucide-react";
import type { ReactNode } from "react";
import type { ErrorDescription } from "@/lib/describe-error";
import { ROW_HEIGHT } from "./file-grid";

export function LoadingSkeleton({ rows = 12 }: { rows?: number }) {
  return (
    <div className="grid grid-skeleton" aria-busy="true" aria-label="Loading the folder" role="status">
      <div className="grid-row grid-head-row skeleton-head">
        <div className="cell cell-name">Name</div>
        <div className="cell cell-size">Size</div>
        <div className="cell cell-modified">Modified</div>
      </div>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
        <div key={i} className="grid-row skeleton-row" style={{ height: ROW_HEIGHT }}>
          <div className="cell cell-name">
            <span className="skeleton-bar" style={{ width: `${40 + ((i * 37) % 45)}%` }} />
          </div>
          <div className="cell cell-size">
            <span className="skeleton-bar" style={{ width: "60%" }} />
          </div>
          <div className="cell cell-modified">
            <span className="skeleton-bar" style={{ width: "70%" }} />
          </div>
        </div>
      ))}
    </div>
  );
}

interface StateProps {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  tone?: "neutral" | "warning" | "danger";
  testId: string;
  role?: "alert" | "status";
}

export function StatePanel({ icon, title, children, tone = "neutral", testId, role }: StateProps) {
  return (
    <div className={`state state-${tone}`} data-testid={testId} role={role}>
      <div className="state-icon">{icon}</div>
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** `own`: the caller's own folder, which may not even exist until their first upload. */
export function EmptyFolder({ canUpload, own = false }: { canUpload: boolean; own?: boolean }) {
  if (own) {
    return (
      <StatePanel
        icon={<FolderOpen size={28} aria-hidden="true" />}
        title="This is your folder"
        testId="state-own-folder"
      >
        <p className="muted">Nothing here yet — upload files or create a folder.</p>
      </StatePanel>
    );
  }
  return (
    <StatePanel
      icon={<FolderOpen size={28} aria-hidden="true" />}
      title="This folder is empty"
      testId="state-empty"
    >
      <p className="muted">
        {canUpload
          ? "Drag files or folders here, or choose Upload, to add some."
          : "Files appear here when someone who may write here adds them."}
      </p>
    </StatePanel>
  );
}

export function NoResults({
  filter,
  onClear,
  onSearchSubfolders,
  partial,
}: {
  filter: string;
  onClear: () => void;
  onSearchSubfolders?: () => void;
  partial: boolean;
}) {
  return (
    <StatePanel
      icon={<SearchX size={28} aria-hidden="true" />}
      title={partial ? `Nothing matches “${filter}” yet` : `Nothing matches “${filter}”`}
      testId="state-no-results"
    >
      <p className="muted">
        {partial
          ? "The rest of the folder is still being read, and any matches in it will appear here."
          : "Try fewer letters, or another part of the name."}
      </p>
      <div className="state-actions">
        <button type="button" className="btn" onClick={onClear}>
          Clear filter
        </button>
        {onSearchSubfolders && (
          <button
            type="button"
            className="btn"
            onClick={onSearchSubfolders}
            data-testid="search-subfolders-instead"
          >
            Search subfolders too
          </button>
        )}
      </div>
    </StatePanel>
  );
}

const ICONS: Record<ErrorDescription["kind"], ReactNode> = {
  denied: <Lock size={28} aria-hidden="true" />,
  policy: <ShieldAlert size={28} aria-hidden="true" />,
  unauthenticated: <KeyRound size={28} aria-hidden="true" />,
  "not-found": <FolderX size={28} aria-hidden="true" />,
  offline: <WifiOff size={28} aria-hidden="true" />,
  error: <CircleAlert size={28} aria-hidden="true" />,
};

interface ErrorStateProps {
  error: ErrorDescription;
  onRetry?: () => void;
  children?: ReactNode;
}

/** Denied, unauthenticated, not found, offline and generic failures. */
export function ErrorState({ error, onRetry, children }: ErrorStateProps) {
  const tone =
    error.kind === "denied" || error.kind === "policy" || error.kind === "unauthenticated"
      ? "warning"
      : "danger";
  return (
    <StatePanel
      icon={ICONS[error.kind]}
      title={error.title}
      tone={tone}
      testId={`state-${error.kind}`}
      role="alert"
    >
      <p className="state-detail">{error.detail}</p>
      {error.hint && <p className="muted">{error.hint}</p>}
      {children}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          <RefreshCw size={14} aria-hidden="true" /> Retry
        </button>
      )}
    </StatePanel>
  );
}
