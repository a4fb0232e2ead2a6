// The grid's keys: a key press becomes a command (logic/grid-keys.ts), performed here on the
// listing (moves, the column headers, type-ahead) or handed to the browser (open, delete, a row
// action, the context menu).
import { type KeyboardEvent, type RefObject, useRef } from "react";
import { commandForHeaderKey, commandForKey } from "@/features/browser/logic/grid-keys";
import { EMPTY_TYPE_AHEAD, isTyping, typeAhead } from "@/features/browser/logic/type-ahead";
import type { FileGridProps } from "./file-grid";
import { COLUMNS } from "./grid-header";

interface GridKeyboardInput {
  props: FileGridProps;
  /** Entry names in display order. */
  names: readonly string[];
  active: number;
  columns: number;
  pageSize: number;
  idBase: string;
  headerColumn: number | null;
  setHeaderColumn: (column: number | null) => void;
  /** Set when a move should scroll the active row into view. */
  scrollPending: RefObject<boolean>;
  scrollRef: RefObject<HTMLDivElement | null>;
}

export function useGridKeyboard(input: GridKeyboardInput) {
  const {
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
  } = input;
  const { rows, selection, dispatch } = props;
  const typeAheadRef = useRef(EMPTY_TYPE_AHEAD);
  return (event: KeyboardEvent<HTMLDivElement>) => {
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
      columns,
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
      case "action":
        props.onAction(command.id);
        break;
      case "menu": {
        const entry = rows[active];
        const box = document.getElementById(`${idBase}-row-${active}`)?.getBoundingClientRect();
        if (entry && box) props.onRowMenu(entry, { x: box.left + 24, y: box.bottom });
        break;
      }
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
}
