import { describe, expect, it } from "vitest";
import { EMPTY_SELECTION, rangeBetween, type Selection, selectionReducer } from "./selection";

const names = ["a", "b", "c", "d", "e"];
const sel = (s: Selection) => [...s.selected].sort();
const click = (state: Selection, name: string, mods: { toggle?: boolean; range?: boolean } = {}) =>
  selectionReducer(state, { type: "click", name, toggle: !!mods.toggle, range: !!mods.range, names });

describe("rangeBetween", () => {
  it("is inclusive and direction-independent", () => {
    expect(rangeBetween(names, "b", "d")).toEqual(["b", "c", "d"]);
    expect(rangeBetween(names, "d", "b")).toEqual(["b", "c", "d"]);
    expect(rangeBetween(names, "c", "c")).toEqual(["c"]);
    expect(rangeBetween(names, "c", "zz")).toEqual([]);
  });
});

describe("mouse selection", () => {
  it("plain click selects one and sets the anchor", () => {
    const s = click(click(EMPTY_SELECTION, "b"), "d");
    expect(sel(s)).toEqual(["d"]);
    expect(s.anchor).toBe("d");
  });

  it("Ctrl/Cmd click toggles without losing the rest", () => {
    let s = click(EMPTY_SELECTION, "a");
    s = click(s, "c", { toggle: true });
    expect(sel(s)).toEqual(["a", "c"]);
    s = click(s, "a", { toggle: true });
    expect(sel(s)).toEqual(["c"]);
  });

  it("Shift click selects from the anchor, and a second Shift click re-ranges from the same anchor", () => {
    let s = click(EMPTY_SELECTION, "b");
    s = click(s, "d", { range: true });
    expect(sel(s)).toEqual(["b", "c", "d"]);
    s = click(s, "a", { range: true });
    expect(sel(s)).toEqual(["a", "b"]);
    expect(s.anchor).toBe("b");
  });

  it("Ctrl+Shift click adds the range to the selection", () => {
    let s = click(EMPTY_SELECTION, "a");
    s = click(s, "d", { toggle: true });
    s = click(s, "e", { toggle: true, range: true });
    expect(sel(s)).toEqual(["a", "d", "e"]);
  });

  it("Shift click with no anchor behaves like a plain click", () => {
    expect(sel(click(EMPTY_SELECTION, "c", { range: true }))).toEqual(["c"]);
  });
});

describe("keyboard selection", () => {
  const move = (state: Selection, to: number, extend = false, focusOnly = false) =>
    selectionReducer(state, { type: "move", to, extend, focusOnly, names });

  it("moving selects the row; Shift extends from the anchor; Ctrl only moves focus", () => {
    let s = move(EMPTY_SELECTION, 1);
    expect(sel(s)).toEqual(["b"]);
    s = move(s, 3, true);
    expect(sel(s)).toEqual(["b", "c", "d"]);
    s = move(s, 4, false, true);
    expect(s.active).toBe("e");
    expect(sel(s)).toEqual(["b", "c", "d"]);
    s = selectionReducer(s, { type: "toggle-active" });
    expect(sel(s)).toEqual(["b", "c", "d", "e"]);
  });

  it("clamps moves to the list and ignores an empty list", () => {
    expect(move(EMPTY_SELECTION, 99).active).toBe("e");
    expect(
      selectionReducer(EMPTY_SELECTION, { type: "move", to: 0, extend: false, focusOnly: false, names: [] }),
    ).toBe(EMPTY_SELECTION);
  });

  it("select-all, clear and prune", () => {
    let s = selectionReducer(EMPTY_SELECTION, { type: "select-all", names });
    expect(sel(s)).toEqual(names);
    expect(s.active).toBe("a");
    s = selectionReducer(s, { type: "prune", names: ["a", "c"] });
    expect(sel(s)).toEqual(["a", "c"]);
    expect(selectionReducer(s, { type: "prune", names: ["a", "c"] })).toBe(s);
    s = selectionReducer(s, { type: "clear" });
    expect(sel(s)).toEqual([]);
  });
});
