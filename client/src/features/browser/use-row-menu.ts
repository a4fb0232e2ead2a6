// What the row context menu and the shortcuts act on: a right-click on a selected row acts on
// the whole selection, on another row on that row alone (which it selects); a shortcut acts on
// the selection, or on the row with keyboard focus when nothing is selected.

import type { DirectoryEntry } from "@shared/api/files";
import { type Dispatch, type RefObject, useCallback, useState } from "react";
import type { FileGridHandle } from "./components/file-grid";
import type { Selection, SelectionAction } from "./logic/selection";

interface RowMenuInput {
  rows: readonly DirectoryEntry[];
  selection: Selection;
  selected: DirectoryEntry[];
  dispatch: Dispatch<SelectionAction>;
  gridRef: RefObject<FileGridHandle | null>;
}

export interface OpenRowMenu {
  x: number;
  y: number;
  targets: DirectoryEntry[];
}

export function useRowMenu({ rows, selection, selected, dispatch, gridRef }: RowMenuInput) {
  const [menu, setMenu] = useState<OpenRowMenu | null>(null);
  const keyTargets = (): DirectoryEntry[] => {
    if (selected.length > 0) return selected;
    const focused = rows.find((r) => r.name === selection.active);
    return focused ? [focused] : [];
  };
  const openMenu = (entry: DirectoryEntry, point: { x: number; y: number }) => {
    const inSelection = selection.selected.has(entry.name);
    if (!inSelection) dispatch({ type: "select", names: [entry.name] });
    setMenu({ ...point, targets: inSelection ? selected : [entry] });
  };
  const closeMenu = useCallback(
    (refocus: boolean) => {
      setMenu(null);
      if (refocus) gridRef.current?.focus();
    },
    [gridRef],
  );
  return { keyTargets, menu, openMenu, closeMenu };
}
