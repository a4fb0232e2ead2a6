import { describe, expect, it } from "vitest";
import { planUploads } from "./plan-uploads";

const volume = { key: "uploads", path: "/Volumes/c/s/uploads", maxUploadSize: 10 };
const file = (name: string, size: number) => new File(["x".repeat(size)], name);
let id = 0;
const ids = { batchId: 7, nextId: () => ++id };

describe("planUploads", () => {
  it("targets each file inside the folder, keeping dropped folder structure", () => {
    const plan = planUploads(
      volume,
      "team/in",
      {
        files: [
          { file: file("a.txt", 3), relativePath: "a.txt" },
          { file: file("b #1.csv", 3), relativePath: "photos/2024/b #1.csv" },
        ],
        emptyDirs: ["photos/empty"],
      },
      ids,
    );
    expect(plan.items.map((i) => [i.target, i.status])).toEqual([
      ["team/in/a.txt", "queued"],
      ["team/in/photos/2024/b #1.csv", "queued"],
    ]);
    expect(plan.items.every((i) => i.batchId === 7 && !i.overwrite && !i.keepBoth)).toBe(true);
    expect(plan.folders).toEqual(["team/in/photos/empty"]);
  });

  it("refuses files over the volume's limit before sending, saying why", () => {
    const [big, ok] = planUploads(
      volume,
      "",
      {
        files: [
          { file: file("big.bin", 11), relativePath: "big.bin" },
          { file: file("exact.bin", 10), relativePath: "exact.bin" },
        ],
        emptyDirs: [],
      },
      ids,
    ).items;
    expect(big).toMatchObject({
      status: "refused",
      error: "11 B is over this volume's limit of 10 B per file.",
    });
    expect(ok?.status).toBe("queued");
  });

  it("refuses names the server would reject", () => {
    const [bad] = planUploads(
      volume,
      "",
      {
        files: [{ file: file("x", 1), relativePath: "evil\u202Etxt.exe" }],
        emptyDirs: ["../up"],
      },
      ids,
    ).items;
    expect(bad?.status).toBe("refused");
    expect(bad?.error).toMatch(/^Invalid name: the path contains a control, bidi or invisible character/);
  });
});
