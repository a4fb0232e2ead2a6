// Selection in the listing, keyed by entry name (unique within a folder) so that re-sorting,
// filtering or a new page arriving never moves the selection to other files. Every action gets
// the names in their current display order, which ranges are computed over.

export interface Selection {
  /** The row with keyboard focus (the grid's active descendant). */
  active: string | null;
  /** Where Shift ranges start. */
  anchor: string | null;
  selected: ReadonlySet<string>;
}

export const EMPTY_SELECTION: Selection = { active: null, anchor: null, selected: new Set() };

export type SelectionAction =
  /** A click: plain selects one, Ctrl/Cmd toggles, Shift selects the range from the anchor. */
  | { type: "click"; name: string; toggle: boolean; range: boolean; names: readonly string[] }
  /** Keyboard moves: `extend` is Shift, `focusOnly` is Ctrl/Cmd (move without selecting). */
  | { type: "move"; to: number; extend: boolean; focusOnly: boolean; names: readonly string[] }
  | { type: "toggle-active" }
  | { type: "select-all"; names: readonly string[] }
  | { type: "clear" }
  | { type: "select"; names: readonly string[] }
  /** Drops names that are no longer listed (after a delete, a filter or a new folder). */
  | { type: "prune"; names: readonly string[] };

/** Names from `a` to `b` inclusive in display order; [] if either is not listed. */
export function rangeBetween(names: readonly string[], a: string, b: string): string[] {
  const i = names.indexOf(a);
  const j = names.indexOf(b);
  if (i < 0 || j < 0) return [];
  return names.slice(Math.min(i, j), Math.max(i, j) + 1);
}

function clamp(index: number, length: number): number {
  return Math.max(0, Math.min(length - 1, index));
}

export function selectionReducer(state: Selection, action: SelectionAction): Selection {
  switch (action.type) {
    case "click": {
      const { name, names } = action;
      if (action.range && state.anchor !== null && names.includes(state.anchor)) {
        const range = rangeBetween(names, state.anchor, name);
        const selected = action.toggle ? new Set([...state.selected, ...range]) : new Set(range);
        return { active: name, anchor: state.anchor, selected };
      }
      if (action.toggle) {
        const selected = new Set(state.selected);
        if (selected.has(name)) selected.delete(name);
        else selected.add(name);
        return { active: name, anchor: name, selected };
      }
      return { active: name, anchor: name, selected: new Set([name]) };
    }
    case "move": {
      const { names } = action;
      if (names.length === 0) return state;
      const name = names[clamp(action.to, names.length)] as string;
      if (action.focusOnly) return { ...state, active: name };
      if (action.extend) {
        const anchor = state.anchor !== null && names.includes(state.anchor) ? state.anchor : name;
        return { active: name, anchor, selected: new Set(rangeBetween(names, anchor, name)) };
      }
      return { active: name, anchor: name, selected: new Set([name]) };
    }
    case "toggle-active": {
      if (state.active === null) return state;
      const selected = new Set(state.selected);
      if (selected.has(state.active)) selected.delete(state.active);
      else selected.add(state.active);
      return { ...state, anchor: state.active, selected };
    }
    case "select-all":
      return { ...state, active: state.active ?? action.names[0] ?? null, selected: new Set(action.names) };
    case "clear":
      return state.selected.size === 0 ? state : { ...state, selected: new Set() };
    case "select": {
      const first = action.names[0] ?? null;
      return { active: first, anchor: first, selected: new Set(action.names) };
    }
    case "prune": {
      const listed = new Set(action.names);
      const selected = [...state.selected].filter((n) => listed.has(n));
      const active = state.active !== null && listed.has(state.active) ? state.active : null;
      const anchor = state.anchor !== null && listed.has(state.anchor) ? state.anchor : null;
      if (selected.length === state.selected.size && active === state.active && anchor === state.anchor) {
        return state;
      }
      return { active, anchor, selected: new Set(selected) };
    }
  }
}

/** The index of the active row in `names`, or -1. */
export function activeIndex(state: Selection, names: readonly string[]): number {
  return state.active === null ? -1 : names.indexOf(state.active);
}
