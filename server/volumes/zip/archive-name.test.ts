import { describe, expect, it } from "vitest";
import { archiveFileName } from "./archive-name.js";

describe("archiveFileName", () => {
  it("keeps a plain name and adds .zip once", () => {
    expect(archiveFileName("reports", "x")).toBe("reports.zip");
    expect(archiveFileName("reports.zip", "x")).toBe("reports.zip");
    expect(archiveFileName("Reports.ZIP", "x")).toBe("Reports.zip");
    expect(archiveFileName("2024 sales – Q1", "x")).toBe("2024 sales – Q1.zip");
  });

  it("strips folders, in either slash", () => {
    expect(archiveFileName("../../evil", "x")).toBe("evil.zip");
    expect(archiveFileName("/etc/passwd", "x")).toBe("passwd.zip");
    expect(archiveFileName("..\\..\\windows\\evil.zip", "x")).toBe("evil.zip");
    expect(archiveFileName("a/b/", "x")).toBe("b.zip");
  });

  it("drops control, bidi and invisible characters, and hidden or trailing dots", () => {
    expect(archiveFileName("in\r\nvoice", "x")).toBe("invoice.zip");
    expect(archiveFileName("invoice\u202efdp.exe", "x")).toBe("invoicefdp.exe.zip");
    expect(archiveFileName("a\u200bb", "x")).toBe("ab.zip");
    expect(archiveFileName(".hidden", "x")).toBe("hidden.zip");
    expect(archiveFileName("name. . .", "x")).toBe("name.zip");
    expect(archiveFileName("lone \ud800 surrogate", "x")).toBe("lone  surrogate.zip");
  });

  it("falls back when nothing usable is left", () => {
    for (const name of [undefined, "", "   ", "..", "../..", "/", ".zip", "\u0000\u0007", "..\\"]) {
      expect(archiveFileName(name, "my folder"), String(name)).toBe("my folder.zip");
    }
    expect(archiveFileName("..", "..")).toBe("download.zip");
  });

  it("bounds the length", () => {
    const name = archiveFileName("x".repeat(500), "y");
    expect(name).toBe(`${"x".repeat(150)}.zip`);
  });
});
