interface StatusBarProps {
  /** Nothing is counted until the first entries are in. */
  ready: boolean;
  /** Entries read so far. */
  read: number;
  shown: number;
  filtering: boolean;
  /** The whole folder is read: counts, sort and filter are about all of it. */
  complete: boolean;
  selected: number;
  /** The per-file upload limit as the admin wrote it ("1 MB"), only where uploading is allowed. */
  uploadLimit?: string;
}

export function StatusBar(props: StatusBarProps) {
  const { read, complete, shown } = props;
  // While a big folder is read, what is shown is right for the entries read so far, and says so.
  const count = complete
    ? `${read.toLocaleString()} ${read === 1 ? "item" : "items"}`
    : `${read.toLocaleString()} ${read === 1 ? "entry" : "entries"} read…`;
  const matches = complete
    ? `${shown.toLocaleString()} shown by the filter`
    : `${shown.toLocaleString()} of them match so far`;
  return (
    <div className="statusbar" aria-live="off">
      {props.ready && (
        <span data-testid="loaded-count" data-complete={complete ? "true" : "false"}>
          {count}
        </span>
      )}
      {props.ready && props.filtering && <span data-testid="match-count">{matches}</span>}
      {props.ready && !complete && (
        <span className="muted" data-testid="partial-note">
          {props.filtering ? "Sorted and filtered" : "Sorted"} among the entries read so far
        </span>
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
