// One line of tiles in the grid view: the virtualiser's row, holding as many tiles as fit.

import type { DirectoryEntry } from "@shared/api/files";
import type { MouseEvent } from "react";
import { GridTile } from "./grid-tile";

interface TileLineProps {
  /** Index of this line (0-based). */
  line: number;
  top: number;
  /** Index (in the listing) of the line's first entry. */
  first: number;
  entries: readonly DirectoryEntry[];
  columns: number;
  idBase: string;
  /** Index of the active entry, -1 when none (or a column header is active). */
  active: number;
  selected: ReadonlySet<string>;
  dropTarget: string | null | undefined;
  checkboxes: boolean;
  thumbnailSrc: (entry: DirectoryEntry) => string | undefined;
  onClick: (entry: DirectoryEntry, event: MouseEvent) => void;
  onOpen: (entry: DirectoryEntry) => void;
  onMenu: (entry: DirectoryEntry, event: MouseEvent) => void;
  onCheck: (entry: DirectoryEntry, event: MouseEvent) => void;
  onMore: (entry: DirectoryEntry, anchor: DOMRect) => void;
}

export function TileLine(props: TileLineProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a line of tiles in a virtualised grid.
    // biome-ignore lint/a11y/useFocusableInteractive: the grid holds focus.
    <div
      role="row"
      aria-rowindex={props.line + 2}
      className="tile-line"
      style={{
        transform: `translateY(${props.top}px)`,
        gridTemplateColumns: `repeat(${props.columns}, minmax(0, 1fr))`,
      }}
    >
      {props.entries.map((entry, i) => {
        const index = props.first + i;
        return (
          <GridTile
            key={entry.name}
            id={`${props.idBase}-row-${index}`}
            entry={entry}
            index={index}
            selected={props.selected.has(entry.name)}
            active={index === props.active}
            dropTarget={props.dropTarget === entry.name}
            thumbnailSrc={props.thumbnailSrc(entry)}
            onClick={(event) => props.onClick(entry, event)}
            onDoubleClick={() => props.onOpen(entry)}
            onContextMenu={(event) => props.onMenu(entry, event)}
            checkbox={props.checkboxes}
            onCheck={(event) => props.onCheck(entry, event)}
            onMore={(box) => props.onMore(entry, box)}
          />
        );
      })}
    </div>
  );
}
