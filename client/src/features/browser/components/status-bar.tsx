interface StatusBarProps {
  /** Nothing is counted until the first page is in. */
  ready: boolean;
  loaded: number;
  shown: number;
  filtering: boolean;
  complete: boolean;
  loadingMore: boolean;
  selected: number;
  /** The per-file upload limit as the admin wrote it ("1 MB"), only where uploading is allowed. */
  uploadLimit?: string;
}

export function StatusBar(props: StatusBarProps) {
  const { loaded, complete } = props;
  const count = complete
    ? `${loaded.toLocaleString()} ${loaded === 1 ? "item" : "items"}`
    : `${loaded.toLocaleString()} loaded${props.loadingMore ? ", loading more…" : ", more to load"}`;
  return (
    <div className="statusbar">
      {props.ready && <span data-testid="loaded-count">{count}</span>}
      {props.ready && props.filtering && (
        <span data-testid="match-count">{props.shown.toLocaleString()} shown by the filter</span>
      )}
      {props.ready && !complete && (
        <span className="muted">Sorting and filtering apply to the loaded items</span>
      )}
      {props.selected > 0 && (
        <span data-testid="selected-count">{props.selected.toLocaleString()} selected</span>
      )}
      {props.uploadLimit !== undefined && (
        <span className="statusbar-end" data-testid="upload-limit">
          Uploads up to {props.uploadLimit} per file
        </span>
      )}
    </div>
  );
}
