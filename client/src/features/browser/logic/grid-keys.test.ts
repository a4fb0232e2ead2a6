import { describe, expect, it } from "vitest";
import { commandForHeaderKey, commandForKey, type GridContext, type KeyInput } from "./grid-keys";

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const ctx: GridContext = { active: 5, count: 100, pageSize: 11, typing: false };

describe("commandForKey", () => {
  it("moves with arrows, Home/End and pages, clamped to the list", () => {
    expect(commandForKey(key("ArrowDown"), ctx)).toEqual({
      type: "move",
      to: 6,
      extend: false,
      focusOnly: false,
    });
    expect(commandForKey(key("ArrowUp"), ctx)).toMatchObject({ to: 4 });
    expect(commandForKey(key("Home"), ctx)).toMatchObject({ to: 0 });
    expect(commandForKey(key("End"), ctx)).toMatchObject({ to: 99 });
    expect(commandForKey(key("PageDown"), ctx)).toMatchObject({ to: 15 });
    expect(commandForKey(key("PageUp"), ctx)).toMatchObject({ to: 0 });
    expect(commandForKey(key("ArrowDown"), { ...ctx, active: 99 })).toMatchObject({ to: 99 });
  });

  it("starts at the first row when nothing is active", () => {
    expect(commandForKey(key("ArrowDown"), { ...ctx, active: -1 })).toMatchObject({ to: 0 });
  });

  it("goes up from the first row into the column headers, and moves and sorts there", () => {
    expect(commandForKey(key("ArrowUp"), { ...ctx, active: 0 })).toEqual({ type: "header" });
    expect(commandForKey(key("ArrowUp"), { ...ctx, active: -1 })).toEqual({ type: "header" });
    expect(commandForKey(key("ArrowUp", { shiftKey: true }), { ...ctx, active: 0 })).toMatchObject({ to: 0 });
    expect(commandForHeaderKey(key("ArrowRight"), 0, 3)).toEqual({ type: "column", to: 1 });
    expect(commandForHeaderKey(key("ArrowRight"), 2, 3)).toEqual({ type: "column", to: 2 });
    expect(commandForHeaderKey(key("ArrowLeft"), 0, 3)).toEqual({ type: "column", to: 0 });
    expect(commandForHeaderKey(key("End"), 0, 3)).toEqual({ type: "column", to: 2 });
    expect(commandForHeaderKey(key("Enter"), 1, 3)).toEqual({ type: "sort" });
    expect(commandForHeaderKey(key(" "), 1, 3)).toEqual({ type: "sort" });
    expect(commandForHeaderKey(key("ArrowDown"), 1, 3)).toEqual({ type: "rows" });
    expect(commandForHeaderKey(key("x"), 1, 3)).toBeNull();
  });

  it("Shift extends, Ctrl/Cmd moves focus only", () => {
    expect(commandForKey(key("ArrowDown", { shiftKey: true }), ctx)).toMatchObject({
      extend: true,
      focusOnly: false,
    });
    expect(commandForKey(key("ArrowDown", { ctrlKey: true }), ctx)).toMatchObject({
      extend: false,
      focusOnly: true,
    });
    expect(commandForKey(key("End", { metaKey: true, shiftKey: true }), ctx)).toMatchObject({
      extend: true,
      focusOnly: false,
    });
  });

  it("opens, goes up, deletes, renames, selects all and clears", () => {
    expect(commandForKey(key("Enter"), ctx)).toEqual({ type: "open" });
    expect(commandForKey(key("Enter"), { ...ctx, active: -1 })).toBeNull();
    expect(commandForKey(key("Backspace"), ctx)).toEqual({ type: "up" });
    expect(commandForKey(key("ArrowUp", { altKey: true }), ctx)).toEqual({ type: "up" });
    expect(commandForKey(key("Delete"), ctx)).toEqual({ type: "delete" });
    expect(commandForKey(key("F2"), ctx)).toEqual({ type: "rename" });
    expect(commandForKey(key("a", { ctrlKey: true }), ctx)).toEqual({ type: "select-all" });
    expect(commandForKey(key("A", { metaKey: true }), ctx)).toEqual({ type: "select-all" });
    expect(commandForKey(key("Escape"), ctx)).toEqual({ type: "clear" });
  });

  it("types printable characters, and Space only while a search is in progress", () => {
    expect(commandForKey(key("r"), ctx)).toEqual({ type: "type", char: "r" });
    expect(commandForKey(key("日"), ctx)).toEqual({ type: "type", char: "日" });
    expect(commandForKey(key(" "), ctx)).toEqual({ type: "toggle" });
    expect(commandForKey(key(" "), { ...ctx, typing: true })).toEqual({ type: "type", char: " " });
  });

  it("leaves Tab, modifier keys and other shortcuts to the browser", () => {
    expect(commandForKey(key("Tab"), ctx)).toBeNull();
    expect(commandForKey(key("Shift", { shiftKey: true }), ctx)).toBeNull();
    expect(commandForKey(key("x", { ctrlKey: true }), ctx)).toBeNull();
    expect(commandForKey(key("ArrowDown"), { ...ctx, count: 0 })).toBeNull();
  });

  it("turns row-action shortcuts and the menu key into commands on the active row", () => {
    expect(commandForKey(key("c", { ctrlKey: true }), ctx)).toEqual({ type: "action", id: "copy-link" });
    expect(commandForKey(key("Enter", { altKey: true }), ctx)).toEqual({ type: "action", id: "details" });
    expect(commandForKey(key("F10", { shiftKey: true }), ctx)).toEqual({ type: "menu" });
    expect(commandForKey(key("c", { ctrlKey: true }), { ...ctx, active: -1 })).toBeNull();
  });

  it("moves by a line of tiles with Up/Down and by one with Left/Right in the grid view", () => {
    const tiles = { ...ctx, active: 10, columns: 4 };
    expect(commandForKey(key("ArrowDown"), tiles)).toMatchObject({ to: 14 });
    expect(commandForKey(key("ArrowUp"), tiles)).toMatchObject({ to: 6 });
    expect(commandForKey(key("ArrowRight"), tiles)).toMatchObject({ to: 11 });
    expect(commandForKey(key("ArrowLeft"), tiles)).toMatchObject({ to: 9 });
    expect(commandForKey(key("ArrowUp"), { ...tiles, active: 3 })).toEqual({ type: "header" });
    expect(commandForKey(key("ArrowLeft"), ctx)).toBeNull();
  });
});
