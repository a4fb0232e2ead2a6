// One entry in the grid view: a thumbnail (small raster images only, see logic/thumbnails.ts)
// or the entry's icon, and the name under it. Tiles are mounted only while their line is in
// view (the grid is virtualised), so an image is requested only when it is about to be seen.

import type { DirectoryEntry } from "@shared/api/files";
import { formatSize } from "@shared/sizes";
import { type MouseEvent, useState } from "react";
import { entryKind } from "@/features/browser/logic/entry-kind";
import { canThumbnail } from "@/features/browser/logic/thumbnails";
import { EntryIcon } from "../entry-icon";
import { RowMoreButton } from "./row-more-button";

/** A line of tiles (the virtualiser's row) and the width one tile asks for. */
export const TILE_LINE_HEIGHT = 148;
export const TILE_MIN_WIDTH = 132;

interface GridTileProps {
  id: string;
  entry: DirectoryEntry;
  index: number;
  selected: boolean;
  active: boolean;
  dropTarget: boolean;
  /** The raw URL of the image to show as the thumbnail, when it may have one. */
  thumbnailSrc: string | undefined;
  onClick: (event: MouseEvent) => void;
  onDoubleClick: () => void;
  onContextMenu: (event: MouseEvent) => void;
  /** A selection checkbox (touch screens), as in the list. */
  checkbox: boolean;
  onCheck: (event: MouseEvent) => void;
  onMore: (anchor: DOMRect) => void;
}

function Thumbnail({ entry, src }: { entry: DirectoryEntry; src: string | undefined }) {
  const [failed, setFailed] = useState(false);
  const kind = entryKind(entry.name, entry.is_directory);
  if (src === undefined || failed || !canThumbnail(entry)) {
    return (
      <span className="tile-icon" data-testid="tile-icon">
        <EntryIcon kind={kind} size={40} />
      </span>
    );
  }
  return (
    <img
      className="tile-thumb"
      src={src}
      alt=""
      loading="lazy"
      decoding="async"
      draggable={false}
      onError={() => setFailed(true)}
      data-testid="tile-thumb"
    />
  );
}

export function GridTile(props: GridTileProps) {
  const { entry } = props;
  const classes = ["tile"];
  if (props.selected) classes.push("is-selected");
  if (props.active) classes.push("is-active");
  if (props.dropTarget) classes.push("is-drop-target");
  const detail = entry.is_directory || entry.file_size === undefined ? "Folder" : formatSize(entry.file_size);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a cell of a virtualised grid (see FileGrid).
    // biome-ignore lint/a11y/useFocusableInteractive: the grid holds focus (aria-activedescendant).
    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid handles every key for its cells.
    <div
      id={props.id}
      role="gridcell"
      aria-selected={props.selected}
      aria-label={entry.name}
      className={classes.join(" ")}
      data-name={entry.name}
      data-dir={entry.is_directory ? "true" : undefined}
      data-index={props.index}
      data-testid="file-tile"
      onClick={props.onClick}
      onDoubleClick={props.onDoubleClick}
      onContextMenu={props.onContextMenu}
    >
      {props.checkbox && (
        <input
          type="checkbox"
          tabIndex={-1}
          className="tile-check"
          checked={props.selected}
          aria-label={`Select ${entry.name}`}
          data-testid="row-checkbox"
          onChange={() => undefined}
          onClick={(event) => {
            event.stopPropagation();
            props.onCheck(event);
          }}
        />
      )}
      <RowMoreButton name={entry.name} className="row-more tile-more" onMore={props.onMore} />
      <Thumbnail entry={entry} src={props.thumbnailSrc} />
      <span className="tile-name" title={entry.name} data-testid="entry-name">
        {entry.name}
      </span>
      <span className="tile-detail">{detail}</span>
    </div>
  );
}
