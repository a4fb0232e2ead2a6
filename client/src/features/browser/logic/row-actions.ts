// Every action on selected rows, with its keyboard shortcut, as data: the context menu lists
// them (showing the shortcut), the grid maps keys to them, and tests check both without a DOM.
// Shortcuts avoid what Chromium, Firefox and Safari keep for themselves (Ctrl+Shift+C opens
// the inspector, Alt+D the address bar, F5 reloads) and plain letters, which are type-ahead.
import type { KeyInput } from "./grid-keys";

export type RowActionId =
  | "open"
  | "details"
  | "download"
  | "rename"
  | "copy-to"
  | "delete"
  | "copy-link"
  | "copy-path";

export interface RowActionSpec {
  id: RowActionId;
  /** The shortcut as shown in the menu (Ctrl is ⌘ on a Mac, see `shortcutLabel`). */
  keys: string;
}

/** In menu order. */
export const ROW_ACTIONS: readonly RowActionSpec[] = [
  { id: "open", keys: "Enter" },
  { id: "details", keys: "Alt+Enter" },
  { id: "download", keys: "Ctrl+S" },
  { id: "copy-link", keys: "Ctrl+C" },
  { id: "copy-path", keys: "Alt+Shift+C" },
  { id: "rename", keys: "F2" },
  { id: "copy-to", keys: "Ctrl+D" },
  { id: "delete", keys: "Delete" },
];

/** The row action a key press asks for, or null. Enter, F2 and Delete are the grid's own keys. */
export function rowActionForKey(input: KeyInput & { code?: string }): RowActionId | null {
  const mod = input.ctrlKey || input.metaKey;
  const letter = input.code?.startsWith("Key") ? input.code.slice(3).toLowerCase() : input.key.toLowerCase();
  if (input.key === "Enter" && input.altKey && !mod) return "details";
  if (mod && !input.altKey && !input.shiftKey) {
    if (letter === "s") return "download";
    if (letter === "c") return "copy-link";
    if (letter === "d") return "copy-to";
  }
  // By key code: Alt+Shift+C types "Ç" on a Mac keyboard.
  if (input.altKey && input.shiftKey && !mod && letter === "c") return "copy-path";
  return null;
}

/** Whether a key press opens the context menu of the active row (the menu key, Shift+F10). */
export function isMenuKey(input: KeyInput): boolean {
  return input.key === "ContextMenu" || (input.key === "F10" && input.shiftKey);
}

/** "Ctrl+S" as this platform writes it (⌘S on a Mac). */
export function shortcutLabel(keys: string, mac: boolean): string {
  if (!mac) return keys;
  return keys
    .replace("Ctrl+", "⌘")
    .replace("Alt+", "⌥")
    .replace("Shift+", "⇧")
    .replace("Enter", "↩")
    .replace("Delete", "⌫");
}
