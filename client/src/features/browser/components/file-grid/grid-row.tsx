import type { DirectoryEntry } from "@shared/api/files";
import { formatSize } from "@shared/sizes";
import type { MouseEvent, ReactNode } from "react";
import { entryKind } from "@/features/browser/logic/entry-kind";
import { formatCompactTime, formatExactTime, formatRelativeTime } from "@/features/browser/logic/format-time";
import { EntryIcon } from "../entry-icon";
import { RowMoreButton } from "./row-more-button";

/** Height of the column header and of a row in the wide (one-line) layout. */
export const ROW_HEIGHT = 32;
/** A row in the compact layout: the name on its own line, "12 KB · 3 days ago" under it. */
export const COMPACT_ROW_HEIGHT = 52;

interface GridRowProps {
  id: string;
  entry: DirectoryEntry;
  index: number;
  top: number;
  /** Two-line layout for a narrow listing, where the name keeps the whole width. */
  compact: boolean;
  selected: boolean;
  active: boolean;
  dropTarget: boolean;
  onClick: (event: MouseEvent) => void;
  onDoubleClick: () => void;
  onContextMenu: (event: MouseEvent) => void;
  /** A checkbox to add or remove the row from the selection (touch screens, where there is no Ctrl). */
  checkbox: boolean;
  onCheck: (event: MouseEvent) => void;
  /** The row's "⋯" button: its context menu, for touch and for the mouse without a right button. */
  onMore: (anchor: DOMRect) => void;
}

function Cell({ className, title, children }: { className: string; title?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: cells of a virtualised grid row (see GridRow).
    // biome-ignore lint/a11y/useFocusableInteractive: the grid holds focus (aria-activedescendant).
    <div role="gridcell" className={`cell ${className}`} title={title}>
      {children}
    </div>
  );
}

export function GridRow(props: GridRowProps) {
  const { entry } = props;
  const classes = ["grid-row", "grid-body-row"];
  if (props.selected) classes.push("is-selected");
  if (props.active) classes.push("is-active");
  if (props.dropTarget) classes.push("is-drop-target");
  return (
    // Rows are absolutely positioned by the virtualiser, which table rows cannot be.
    // biome-ignore lint/a11y/useSemanticElements: see above.
    // biome-ignore lint/a11y/useFocusableInteractive: the grid holds focus (aria-activedescendant).
    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid handles every key for its rows.
    <div
      id={props.id}
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      className={classes.join(" ")}
      data-name={entry.name}
      data-dir={entry.is_directory ? "true" : undefined}
      data-testid="file-row"
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={props.onClick}
      onDoubleClick={props.onDoubleClick}
      onContextMenu={props.onContextMenu}
    >
      {props.checkbox && (
        <Cell className="cell-check">
          <input
            type="checkbox"
            tabIndex={-1}
            checked={props.selected}
            aria-label={`Select ${entry.name}`}
            data-testid="row-checkbox"
            onChange={() => undefined}
            onClick={(event) => {
              event.stopPropagation();
              props.onCheck(event);
            }}
          />
        </Cell>
      )}
      <Cell className="cell-name" title={entry.name}>
        <EntryIcon kind={entryKind(entry.name, entry.is_directory)} />
        <span className="entry-name" data-testid="entry-name">
          {entry.name}
        </span>
      </Cell>
      <Cell
        className="cell-size"
        title={entry.file_size === undefined ? undefined : `${entry.file_size.toLocaleString()} bytes`}
      >
        {entry.is_directory || entry.file_size === undefined ? "" : formatSize(entry.file_size)}
      </Cell>
      <Cell
        className="cell-modified"
        title={entry.last_modified === undefined ? undefined : formatExactTime(entry.last_modified)}
      >
        {entry.last_modified === undefined
          ? ""
          : props.compact
            ? formatRelativeTime(entry.last_modified)
            : formatCompactTime(entry.last_modified)}
      </Cell>
      <Cell className="cell-more">
        <RowMoreButton name={entry.name} className="row-more" onMore={props.onMore} />
      </Cell>
    </div>
  );
}
