import { describe, expect, it } from "vitest";
import { nextToStart, summarise, type UploadItem, type UploadStatus } from "./upload-types";

const item = (id: number, status: UploadStatus, size = 10, loaded = 0): UploadItem => ({
  id,
  batchId: 1,
  volume: "v",
  volumeRoot: "/Volumes/c/s/v",
  file: new File(["x".repeat(size)], `f${id}`),
  target: `f${id}`,
  status,
  loaded,
  overwrite: false,
  keepBoth: false,
});

describe("upload scheduling", () => {
  it("starts queued items oldest first up to the concurrency limit", () => {
    const items = [
      item(1, "done"),
      item(2, "uploading"),
      item(3, "queued"),
      item(4, "conflict"),
      item(5, "queued"),
      item(6, "queued"),
    ];
    expect(nextToStart(items, 3).map((i) => i.id)).toEqual([3, 5]);
    expect(nextToStart(items, 1)).toEqual([]);
  });

  it("summarises progress, leaving out what will not be uploaded", () => {
    const s = summarise([
      item(1, "done", 10),
      item(2, "uploading", 20, 5),
      item(3, "skipped", 99),
      item(4, "failed", 7),
      item(5, "conflict", 1),
    ]);
    expect(s).toEqual({
      total: 4,
      pending: 2,
      done: 1,
      failed: 1,
      conflicts: 1,
      bytesTotal: 38,
      bytesLoaded: 15,
    });
  });
});
