// What the destination tree shares with its nodes: the chosen folder, which nodes are open, and
// how to change both. A node id is `<volume>:<path>` (volume keys never hold a colon).
import { createContext, useContext } from "react";

export interface Place {
  volume: string;
  /** Volume-relative; "" is the volume's root. */
  path: string;
}

export const idOf = (place: Place) => `${place.volume}:${place.path}`;

export function placeOf(id: string): Place {
  const colon = id.indexOf(":");
  return { volume: id.slice(0, colon), path: id.slice(colon + 1) };
}

export interface TreeState {
  value: Place;
  expanded: ReadonlySet<string>;
  select: (place: Place) => void;
  toggle: (place: Place, open?: boolean) => void;
  /** A node to move keyboard focus to once it is on screen (a folder just created). */
  focusId: string | null;
}

export const TreeContext = createContext<TreeState | null>(null);

export function useTree(): TreeState {
  const state = useContext(TreeContext);
  if (!state) throw new Error("useTree outside a FolderTree");
  return state;
}
