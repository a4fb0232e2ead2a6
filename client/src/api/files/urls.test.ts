import { describe, expect, it } from "vitest";
import { downloadUrl, filesUrl, zipUrl } from "./urls";

describe("files URLs", () => {
  it("encodes the volume and carries paths in the query string", () => {
    expect(downloadUrl("shared", "日本 #1 100%.txt")).toBe(
      "/api/files/shared/download?path=%E6%97%A5%E6%9C%AC+%231+100%25.txt",
    );
    const url = new URL(downloadUrl("shared", "a?b&c=d #e"), "https://x");
    expect(url.searchParams.get("path")).toBe("a?b&c=d #e");
  });

  it("repeats path for a zip of several entries and skips absent params", () => {
    const url = new URL(zipUrl("shared", ["a", "b c"], "sel.zip"), "https://x");
    expect(url.pathname).toBe("/api/files/shared/zip");
    expect(url.searchParams.getAll("path")).toEqual(["a", "b c"]);
    expect(url.searchParams.get("name")).toBe("sel.zip");
    expect(filesUrl("v", "", { path: "x", recursive: true, other: undefined })).toBe(
      "/api/files/v?path=x&recursive=true",
    );
  });
});
