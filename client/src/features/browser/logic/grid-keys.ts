// The listing's keyboard model as data: a key press becomes a command, so the mapping can be
// tested without a DOM and the grid component only performs commands.
import { isMenuKey, type RowActionId, rowActionForKey } from "./row-actions";

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** The physical key ("KeyC"): shortcuts with Alt are matched by it, not by the typed character. */
  code?: string;
}

export type GridCommand =
  | { type: "move"; to: number; extend: boolean; focusOnly: boolean }
  | { type: "open" }
  | { type: "up" }
  | { type: "delete" }
  | { type: "rename" }
  | { type: "select-all" }
  | { type: "clear" }
  | { type: "toggle" }
  | { type: "type"; char: string }
  /** A row action by its shortcut (download, copy link, …): see row-actions.ts. */
  | { type: "action"; id: RowActionId }
  /** The context menu of the active row (the menu key, Shift+F10). */
  | { type: "menu" }
  /** Up from the first row: into the column headers, where the sort controls are. */
  | { type: "header" };

export interface GridContext {
  /** Index of the active row, -1 when none. */
  active: number;
  count: number;
  /** Rows that fit in the viewport (for PageUp/PageDown). */
  pageSize: number;
  /** Whether a type-ahead search is in progress (then Space is part of the search). */
  typing: boolean;
  /** Entries per line: 1 in the list, more in the grid of tiles (then Left/Right move by one). */
  columns?: number;
}

/** Maps a key press to a command, or null to let the browser handle it (Tab, shortcuts, …). */
export function commandForKey(input: KeyInput, ctx: GridContext): GridCommand | null {
  const mod = input.ctrlKey || input.metaKey;
  const last = ctx.count - 1;
  const columns = Math.max(1, ctx.columns ?? 1);
  const from = ctx.active < 0 ? -1 : ctx.active;
  const move = (to: number): GridCommand => ({
    type: "move",
    to: Math.max(0, Math.min(last, to)),
    extend: input.shiftKey,
    focusOnly: mod && !input.shiftKey,
  });
  if (isMenuKey(input)) return ctx.active < 0 ? null : { type: "menu" };
  const action = rowActionForKey(input);
  if (action) return ctx.active < 0 ? null : { type: "action", id: action };
  switch (input.key) {
    case "ArrowDown":
      return ctx.count === 0 ? null : move(from < 0 ? 0 : from + columns);
    case "ArrowUp":
      if (input.altKey) return { type: "up" };
      if (ctx.active < columns && !mod && !input.shiftKey) return { type: "header" };
      return ctx.count === 0 ? null : move(from < 0 ? 0 : from - columns);
    case "ArrowRight":
      return ctx.count === 0 || columns === 1 ? null : move(from + 1);
    case "ArrowLeft":
      return ctx.count === 0 || columns === 1 ? null : move(Math.max(0, from - 1));
    case "Home":
      return ctx.count === 0 ? null : move(0);
    case "End":
      return ctx.count === 0 ? null : move(last);
    case "PageDown":
      return ctx.count === 0 ? null : move(Math.max(from, 0) + columns * Math.max(1, ctx.pageSize - 1));
    case "PageUp":
      return ctx.count === 0 ? null : move(Math.max(from, 0) - columns * Math.max(1, ctx.pageSize - 1));
    case "Enter":
      return ctx.active < 0 ? null : { type: "open" };
    case "Backspace":
      return { type: "up" };
    case "Delete":
      return { type: "delete" };
    case "F2":
      return ctx.active < 0 ? null : { type: "rename" };
    case "Escape":
      return { type: "clear" };
    case " ":
      if (ctx.typing && !mod) return { type: "type", char: " " };
      return ctx.active < 0 ? null : { type: "toggle" };
  }
  if (mod && !input.altKey && input.key.toLowerCase() === "a") return { type: "select-all" };
  // One printable character (not a named key such as "Shift"), without a shortcut modifier.
  if (!mod && !input.altKey && [...input.key].length === 1) return { type: "type", char: input.key };
  return null;
}

export type HeaderCommand = { type: "column"; to: number } | { type: "sort" } | { type: "rows" };

/** Keys while a column header is active: Left/Right between headers, Enter/Space sorts. */
export function commandForHeaderKey(input: KeyInput, column: number, columns: number): HeaderCommand | null {
  switch (input.key) {
    case "ArrowLeft":
      return { type: "column", to: Math.max(0, column - 1) };
    case "ArrowRight":
      return { type: "column", to: Math.min(columns - 1, column + 1) };
    case "Home":
      return { type: "column", to: 0 };
    case "End":
      return { type: "column", to: columns - 1 };
    case "Enter":
    case " ":
      return { type: "sort" };
    case "ArrowDown":
    case "Escape":
      return { type: "rows" };
  }
  return null;
}
