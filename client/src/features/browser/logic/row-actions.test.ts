import { describe, expect, it } from "vitest";
import type { KeyInput } from "./grid-keys";
import { isMenuKey, ROW_ACTIONS, rowActionForKey, shortcutLabel } from "./row-actions";

const key = (k: string, mods: Partial<KeyInput & { code: string }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("rowActionForKey", () => {
  it("maps each modifier shortcut to its action, Ctrl or Cmd alike", () => {
    expect(rowActionForKey(key("s", { ctrlKey: true }))).toBe("download");
    expect(rowActionForKey(key("s", { metaKey: true }))).toBe("download");
    expect(rowActionForKey(key("c", { ctrlKey: true }))).toBe("copy-link");
    expect(rowActionForKey(key("d", { metaKey: true }))).toBe("copy-to");
    expect(rowActionForKey(key("Enter", { altKey: true }))).toBe("details");
    expect(rowActionForKey(key("Ç", { altKey: true, shiftKey: true, code: "KeyC" }))).toBe("copy-path");
  });

  it("leaves plain letters (type-ahead) and other chords alone", () => {
    expect(rowActionForKey(key("s"))).toBeNull();
    expect(rowActionForKey(key("c", { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(rowActionForKey(key("Enter"))).toBeNull();
  });

  it("has one shortcut per action, each recognised by the grid or by rowActionForKey", () => {
    const keys = ROW_ACTIONS.map((a) => a.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("menu key and labels", () => {
  it("opens the menu with the menu key or Shift+F10", () => {
    expect(isMenuKey(key("ContextMenu"))).toBe(true);
    expect(isMenuKey(key("F10", { shiftKey: true }))).toBe(true);
    expect(isMenuKey(key("F10"))).toBe(false);
  });

  it("writes shortcuts the Mac way on a Mac", () => {
    expect(shortcutLabel("Ctrl+S", true)).toBe("⌘S");
    expect(shortcutLabel("Alt+Shift+C", true)).toBe("⌥⇧C");
    expect(shortcutLabel("Ctrl+S", false)).toBe("Ctrl+S");
  });
});
