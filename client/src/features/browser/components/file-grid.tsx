// The listing as an ARIA grid with one tab stop: the grid element keeps focus and points at the
// active row (or column header) with aria-activedescendant, so virtualised rows can come and go
// without losing focus. Rows are virtualised; pages load as the end comes into view.
import { defaultRangeExtractor, type Range, useVirtualizer } from "@tanstack/react-virtual";
import {
  type Dispatch,
  type KeyboardEvent,
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
import type { DirectoryEntry } from "../../../../../shared/api/files";
import type { SortKey, SortState } from "../../../lib/browse-url";
import { commandForHeaderKey, commandForKey } from "../logic/grid-keys";
import { activeIndex, type Selection, type SelectionAction } from "../logic/selection";
import { EMPTY_TYPE_AHEAD, isTyping, typeAhead } from "../logic/type-ahead";
import { COLUMNS, GridHeader } from "./grid-header";
import { COMPACT_ROW_HEIGHT, GridRow, ROW_HEIGHT } from "./grid-row";

/** Start fetching the next page when the viewport is this many rows from the end. */
const PREFETCH_ROWS = 200;
/**
 * Below this width the size and date move under the name (two-line rows): three columns would
 * leave the name too little room. Measured on the grid itself, not the window, because the
 * details pane beside it can be resized.
 */
const COMPACT_BELOW_PX = 600;

/** Whether the element is narrower than the compact threshold, kept current as it resizes. */
function useCompact(ref: React.RefObject<HTMLElement | null>): boolean {
  const [compact, setCompact] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setCompact(el.clientWidth > 0 && el.clientWidth < COMPACT_BELOW_PX);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return compact;
}

export interface FileGridHandle {
  focus: () => void;
  scrollToName: (name: string) => void;
}

interface FileGridProps {
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
  /** True when every page is loaded (the row count is final). */
  complete: boolean;
  onNearEnd: () => void;
  /** Name of the folder row files are being dragged over. */
  dropTarget?: string | null;
  handleRef?: Ref<FileGridHandle>;
}

export function FileGrid(props: FileGridProps) {
  const { rows, selection, dispatch, complete, onNearEnd } = props;
  const idBase = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [headerColumn, setHeaderColumn] = useState<number | null>(null);
  const typeAheadRef = useRef(EMPTY_TYPE_AHEAD);
  // Only keyboard moves scroll the active row into view; a new page or a re-sort must not
  // yank the view away from where the mouse wheel left it.
  const scrollPending = useRef(false);
  const compact = useCompact(scrollRef);
  const rowHeight = compact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT;

  const names = useMemo(() => rows.map((r) => r.name), [rows]);
  const active = activeIndex(selection, names);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // Keep the active row mounted so aria-activedescendant always points at an element.
      if (active >= 0 && !indexes.includes(active)) return [...indexes, active].sort((a, b) => a - b);
      return indexes;
    },
    [active],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
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
  const lastRendered = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (!complete && lastRendered >= rows.length - PREFETCH_ROWS) onNearEnd();
  }, [complete, lastRendered, rows.length, onNearEnd]);

  useEffect(() => {
    if (scrollPending.current && active >= 0) {
      scrollPending.current = false;
      virtualizer.scrollToIndex(active, { align: "auto" });
    }
  }, [active, virtualizer]);

  useImperativeHandle(
    props.handleRef,
    () => ({
      focus: () => scrollRef.current?.focus(),
      scrollToName: (name: string) => {
        const index = names.indexOf(name);
        if (index >= 0) virtualizer.scrollToIndex(index, { align: "center" });
      },
    }),
    [names, virtualizer],
  );

  const pageSize = Math.max(
    1,
    Math.floor(((scrollRef.current?.clientHeight ?? 320) - ROW_HEIGHT) / rowHeight),
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (headerColumn !== null) {
      const command = commandForHeaderKey(event, headerColumn, COLUMNS.length);
      if (!command) return;
      event.preventDefault();
      if (command.type === "column") setHeaderColumn(command.to);
      else if (command.type === "sort") props.onSort(COLUMNS[headerColumn]?.key ?? "name");
      else {
        setHeaderColumn(null);
        if (active < 0 && rows.length > 0) {
          scrollPending.current = true;
          dispatch({ type: "move", to: 0, extend: false, focusOnly: true, names });
        }
      }
      return;
    }
    const now = performance.now();
    const command = commandForKey(event, {
      active,
      count: rows.length,
      pageSize,
      typing: isTyping(typeAheadRef.current, now),
    });
    if (!command) return;
    event.preventDefault();
    switch (command.type) {
      case "move":
        scrollPending.current = true;
        dispatch({ ...command, names });
        break;
      case "header":
        setHeaderColumn(
          Math.max(
            0,
            COLUMNS.findIndex((c) => c.key === props.sort.key),
          ),
        );
        scrollRef.current?.scrollTo({ top: 0 });
        break;
      case "open": {
        const entry = rows[active];
        if (entry) props.onOpen(entry);
        break;
      }
      case "up":
        props.onUp();
        break;
      case "delete":
        if (selection.selected.size > 0) props.onDelete();
        break;
      case "rename":
        props.onRename();
        break;
      case "select-all":
        dispatch({ type: "select-all", names });
        break;
      case "clear":
        dispatch({ type: "clear" });
        break;
      case "toggle":
        dispatch({ type: "toggle-active" });
        break;
      case "type": {
        const result = typeAhead(typeAheadRef.current, command.char, now, names, active);
        typeAheadRef.current = result.state;
        if (result.index >= 0) {
          scrollPending.current = true;
          dispatch({ type: "move", to: result.index, extend: false, focusOnly: false, names });
        }
        break;
      }
    }
  };

  const activeId =
    headerColumn !== null
      ? `${idBase}-col-${headerColumn}`
      : active >= 0
        ? `${idBase}-row-${active}`
        : undefined;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a virtualised data grid has no native element.
    <div
      ref={scrollRef}
      role="grid"
      aria-label={props.label}
      aria-multiselectable="true"
      aria-rowcount={complete ? rows.length + 1 : -1}
      aria-activedescendant={activeId}
      tabIndex={0}
      className={compact ? "grid is-compact" : "grid"}
      data-testid="file-grid"
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target !== event.currentTarget) return;
        if (active < 0 && headerColumn === null && rows.length > 0) {
          dispatch({ type: "move", to: 0, extend: false, focusOnly: true, names });
        }
      }}
      onBlur={() => setHeaderColumn(null)}
    >
      <GridHeader idBase={idBase} sort={props.sort} onSort={props.onSort} activeColumn={headerColumn} />
      {/* biome-ignore lint/a11y/useSemanticElements: a virtualised body has no table element. */}
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() - ROW_HEIGHT }}>
        {items.map((item) => {
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
              onClick={(event) => {
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
              }}
              onDoubleClick={() => props.onOpen(entry)}
            />
          );
        })}
      </div>
    </div>
  );
}
