import { describe, expect, it } from "vitest";
import {
  ALL_ACTIONS,
  isFileAction,
  isReadAction,
  isWriteAction,
  READ_ACTIONS,
  WRITE_ACTIONS,
} from "./actions.js";

describe("actions", () => {
  it("match AppKit's read/write split, plus move as a write", () => {
    expect(READ_ACTIONS).toEqual(["list", "read", "download", "raw", "exists", "metadata", "preview"]);
    expect(WRITE_ACTIONS).toEqual(["upload", "mkdir", "delete", "move"]);
    expect(ALL_ACTIONS).toHaveLength(11);
  });

  it("classify names", () => {
    expect(ALL_ACTIONS.filter(isWriteAction)).toEqual([...WRITE_ACTIONS]);
    expect(ALL_ACTIONS.filter(isReadAction)).toEqual([...READ_ACTIONS]);
    expect(isFileAction("move")).toBe(true);
    expect(isFileAction("rename")).toBe(false);
    expect(isWriteAction("toString")).toBe(false);
  });
});
