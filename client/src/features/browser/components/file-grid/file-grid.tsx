// The listing as an ARIA grid with one tab stop: the grid element keeps focus and points at the
// active row (or column header) with aria-activedescendant, so virtualised rows can come and go
// without losing focus. Rows are virtualised (the whole folder is in memory, see use-whole-folder.ts).

import type { DirectoryEntry } from "@shared/api/files";
import { defaultRangeExtractor, type Range, useVirtualizer } from "@tanstack/react-virtual";
import {
  type Dispatch,
  type MouseEvent,
  type Ref,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { RowActionId } from "@/features/browser/logic/row-actions";
import { activeIndex, type Selection, type SelectionAction } from "@/features/browser/logic/selection";
import type { SortKey, SortState } from "@/lib/browse-url";
import { GridHeader } from "./grid-header";
import { COMPACT_ROW_HEIGHT, GridRow, ROW_HEIGHT } from "./grid-row";
import { TILE_LINE_HEIGHT, TILE_MIN_WIDTH } from "./grid-tile";
import { TileLine } from "./tile-line";
import { useGridKeyboard } from "./use-grid-keyboard";
import { useWidth } from "./use-width";

/**
 * Below this width the size and date move under the name (two-line rows): three columns would
 * leave the name too little room. Measured on the grid itself, not the window, because the
 * details pane beside it can be resized.
 */
const COMPACT_BELOW_PX = 600;

/** Horizontal padding of a line of tiles (grid.css). */
const TILE_PADDING = 24;

export interface FileGridHandle {
  focus: () => void;
  scrollToName: (name: string) => void;
}

export interface FileGridProps {
  label: string;
  rows: readonly DirectoryEntry[];
  selection: Selection;
  dispatch: Dispatch<SelectionAction>;
  sort: SortState;
  onSort: (key: SortKey) => void;
  onOpen: (entry: DirectoryEntry) => void;
  onUp: () => void;
  onDelete: () => void;
  onRename: () => void;
  /** True when the whole folder is read (the row count is final). */
  complete: boolean;
  /** Name of the folder row files are being dragged over. */
  dropTarget?: string | null;
  handleRef?: Ref<FileGridHandle>;
  /** A row action's shortcut was pressed (see logic/row-actions.ts). */
  onAction: (id: RowActionId) => void;
  /** Open the context menu of this entry at this point of the window. */
  onRowMenu: (entry: DirectoryEntry, point: { x: number; y: number }) => void;
  /** A list of rows, or a grid of tiles with thumbnails. */
  view: "list" | "tiles";
  /** Selection checkboxes (touch screens). */
  checkboxes: boolean;
  /** The URL a tile's thumbnail is loaded from, for entries that may have one. */
  thumbnailSrc: (entry: DirectoryEntry) => string | undefined;
}

export function FileGrid(props: FileGridProps) {
  const { rows, selection, dispatch, complete } = props;
  const idBase = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [headerColumn, setHeaderColumn] = useState<number | null>(null);
  // Only keyboard moves scroll the active row into view; a new page or a re-sort must not
  // yank the view away from where the mouse wheel left it.
  const scrollPending = useRef(false);
  const width = useWidth(scrollRef);
  const tiles = props.view === "tiles";
  const compact = !tiles && width > 0 && width < COMPACT_BELOW_PX;
  // In the grid view the virtualiser's rows are lines of tiles.
  const columns = tiles ? Math.max(1, Math.floor((width - TILE_PADDING) / TILE_MIN_WIDTH)) : 1;
  const rowHeight = tiles ? TILE_LINE_HEIGHT : compact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT;
  const lineOf = useCallback((index: number) => Math.floor(index / columns), [columns]);

  const names = useMemo(() => rows.map((r) => r.name), [rows]);
  const active = activeIndex(selection, names);
  const activeLine = active >= 0 ? lineOf(active) : -1;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // Keep the active row mounted so aria-activedescendant always points at an element.
      if (activeLine >= 0 && !indexes.includes(activeLine))
        return [...indexes, activeLine].sort((a, b) => a - b);
      return indexes;
    },
    [activeLine],
  );

  const virtualizer = useVirtualizer({
    count: Math.ceil(rows.length / columns),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // The sticky header (ROW_HEIGHT tall) sits above the first row inside the scroll element.
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    rangeExtractor,
  });
  // Switching between one- and two-line rows changes every row's size.
  useLayoutEffect(() => {
    if (rowHeight > 0) virtualizer.measure();
  }, [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    if (scrollPending.current && active >= 0) {
      scrollPending.current = false;
      virtualizer.scrollToIndex(lineOf(active), { align: "auto" });
    }
  }, [active, virtualizer, lineOf]);

  useImperativeHandle(
    props.handleRef,
    () => ({
      focus: () => scrollRef.current?.focus(),
      scrollToName: (name: string) => {
        const index = names.indexOf(name);
        if (index >= 0) virtualizer.scrollToIndex(lineOf(index), { align: "center" });
      },
    }),
    [names, virtualizer, lineOf],
  );

  const pageSize = Math.max(
    1,
    Math.floor(((scrollRef.current?.clientHeight ?? 320) - ROW_HEIGHT) / rowHeight),
  );

  const onKeyDown = useGridKeyboard({
    props,
    names,
    active,
    columns,
    pageSize,
    idBase,
    headerColumn,
    setHeaderColumn,
    scrollPending,
    scrollRef,
  });

  const activeId =
    headerColumn !== null
      ? `${idBase}-col-${headerColumn}`
      : active >= 0
        ? `${idBase}-row-${active}`
        : undefined;

  const onEntryClick = (entry: DirectoryEntry, event: MouseEvent) => {
    setHeaderColumn(null);
    // A tap opens, as in any touch file app (there is no double-tap habit to rely on).
    const native = event.nativeEvent;
    const plain = !event.ctrlKey && !event.metaKey && !event.shiftKey;
    if (plain && native instanceof PointerEvent && native.pointerType === "touch") {
      dispatch({ type: "select", names: [entry.name] });
      props.onOpen(entry);
      return;
    }
    dispatch({
      type: "click",
      name: entry.name,
      toggle: event.ctrlKey || event.metaKey,
      range: event.shiftKey,
      names,
    });
  };
  const onEntryMenu = (entry: DirectoryEntry, event: MouseEvent) => {
    event.preventDefault();
    setHeaderColumn(null);
    props.onRowMenu(entry, { x: event.clientX, y: event.clientY });
  };
  const allState =
    selection.selected.size === 0 ? "none" : selection.selected.size >= rows.length ? "all" : "some";

  const classes = ["grid"];
  if (compact) classes.push("is-compact");
  if (tiles) classes.push("is-tiles");
  if (props.checkboxes && !tiles) classes.push("has-checkbox");

  return (
    // biome-ignore lint/a11y/useSemanticElements: a virtualised data grid has no native element.
    <div
      ref={scrollRef}
      role="grid"
      aria-label={props.label}
      aria-multiselectable="true"
      aria-rowcount={complete ? (tiles ? Math.ceil(rows.length / columns) : rows.length) + 1 : -1}
      aria-colcount={tiles ? columns : undefined}
      aria-activedescendant={activeId}
      tabIndex={0}
      className={classes.join(" ")}
      data-testid="file-grid"
      data-view={props.view}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target !== event.currentTarget) return;
        if (active < 0 && headerColumn === null && rows.length > 0) {
          dispatch({ type: "move", to: 0, extend: false, focusOnly: true, names });
        }
      }}
      onBlur={() => setHeaderColumn(null)}
      onClick={(event) => {
        // Empty space (below the rows, between tiles) is not an entry: a click there clears.
        if (!(event.target as Element).closest("[data-name], .grid-head")) dispatch({ type: "clear" });
      }}
    >
      <GridHeader
        idBase={idBase}
        sort={props.sort}
        onSort={props.onSort}
        activeColumn={headerColumn}
        checkbox={
          props.checkboxes && !tiles
            ? {
                state: allState,
                onToggle: () =>
                  dispatch(allState === "all" ? { type: "clear" } : { type: "select-all", names }),
              }
            : undefined
        }
      />
      {/* biome-ignore lint/a11y/useSemanticElements: a virtualised body has no table element. */}
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() - ROW_HEIGHT }}>
        {tiles
          ? items.map((item) => {
              const first = item.index * columns;
              return (
                <TileLine
                  key={rows[first]?.name ?? item.index}
                  line={item.index}
                  top={item.start - ROW_HEIGHT}
                  first={first}
                  entries={rows.slice(first, first + columns)}
                  columns={columns}
                  idBase={idBase}
                  active={headerColumn === null ? active : -1}
                  selected={selection.selected}
                  dropTarget={props.dropTarget}
                  checkboxes={props.checkboxes}
                  thumbnailSrc={props.thumbnailSrc}
                  onClick={onEntryClick}
                  onOpen={props.onOpen}
                  onMenu={onEntryMenu}
                  onCheck={(entry, event) =>
                    dispatch({ type: "click", name: entry.name, toggle: true, range: event.shiftKey, names })
                  }
                  onMore={(entry, box) => props.onRowMenu(entry, { x: box.right, y: box.bottom })}
                />
              );
            })
          : items.map((item) => {
              const entry = rows[item.index] as DirectoryEntry;
              return (
                <GridRow
                  key={entry.name}
                  id={`${idBase}-row-${item.index}`}
                  entry={entry}
                  index={item.index}
                  top={item.start - ROW_HEIGHT}
                  compact={compact}
                  selected={selection.selected.has(entry.name)}
                  active={item.index === active && headerColumn === null}
                  dropTarget={props.dropTarget === entry.name}
                  checkbox={props.checkboxes}
                  onClick={(event) => onEntryClick(entry, event)}
                  onDoubleClick={() => props.onOpen(entry)}
                  onContextMenu={(event) => onEntryMenu(entry, event)}
                  onCheck={(event) =>
                    dispatch({ type: "click", name: entry.name, toggle: true, range: event.shiftKey, names })
                  }
                  onMore={(box) => props.onRowMenu(entry, { x: box.right, y: box.bottom })}
                />
              );
            })}
      </div>
    </div>
  );
}
