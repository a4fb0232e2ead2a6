import { describe, expect, it } from "vitest";
import { collectEntries, pickedFromInput } from "./dropped-files";

// Minimal stand-ins for the browser's FileSystemEntry objects (a browser API, not our code).
function fileEntry(name: string, body = name): FileSystemFileEntry {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (ok: (f: File) => void) => ok(new File([body], name)),
  } as unknown as FileSystemFileEntry;
}

function dirEntry(name: string, children: FileSystemEntry[], perRead = 2): FileSystemDirectoryEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (ok: (entries: FileSystemEntry[]) => void) => {
          const batch = children.slice(offset, offset + perRead);
          offset += batch.length;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe("dropped folders", () => {
  it("walks nested folders, reading each folder until its reader is exhausted", async () => {
    const tree = await collectEntries([
      fileEntry("top.txt"),
      dirEntry("photos", [
        fileEntry("a.jpg"),
        fileEntry("b.jpg"),
        fileEntry("c.jpg"),
        dirEntry("2024", [fileEntry("d.jpg")]),
        dirEntry("empty", []),
      ]),
    ]);
    expect(tree.files.map((f) => f.relativePath)).toEqual([
      "top.txt",
      "photos/a.jpg",
      "photos/b.jpg",
      "photos/c.jpg",
      "photos/2024/d.jpg",
    ]);
    expect(tree.emptyDirs).toEqual(["photos/empty"]);
    expect(await tree.files[0]?.file.text()).toBe("top.txt");
  });

  it("uses webkitRelativePath from a folder picker", () => {
    const file = new File(["x"], "a.txt");
    Object.defineProperty(file, "webkitRelativePath", { value: "dir/sub/a.txt" });
    expect(pickedFromInput([file, new File(["y"], "b.txt")]).files.map((f) => f.relativePath)).toEqual([
      "dir/sub/a.txt",
      "b.txt",
    ]);
  });
});
