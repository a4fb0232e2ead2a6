import { describe, expect, it } from "vitest";
import { findFreeName, numberedName, splitName } from "./conflict-name";

describe("conflict naming", () => {
  it("numbers before the extension", () => {
    expect(numberedName("report.csv", 1)).toBe("report (1).csv");
    expect(numberedName("report.csv", 12)).toBe("report (12).csv");
    expect(numberedName("README", 1)).toBe("README (1)");
  });

  it("keeps dotfiles whole and treats only the last dot as the extension of multi-dot names", () => {
    expect(numberedName(".env", 1)).toBe(".env (1)");
    expect(numberedName(".config.json", 1)).toBe(".config (1).json");
    expect(numberedName("my.data.v2.csv", 1)).toBe("my.data.v2 (1).csv");
    expect(numberedName("trailing.", 1)).toBe("trailing. (1)");
  });

  it("keeps compound archive extensions together", () => {
    expect(numberedName("backup.tar.gz", 1)).toBe("backup (1).tar.gz");
    expect(splitName(".tar.gz")).toEqual({ stem: ".tar", ext: ".gz" });
  });

  it("continues an existing counter instead of stacking another", () => {
    expect(numberedName("report (1).csv", 2)).toBe("report (2).csv");
  });

  it("finds the first free name, asking asynchronously", async () => {
    const taken = new Set(["a.txt", "a (1).txt", "a (2).txt"]);
    expect(await findFreeName("a.txt", async (n) => taken.has(n))).toBe("a (3).txt");
    expect(await findFreeName("a (1).txt", (n) => taken.has(n))).toBe("a (3).txt");
    expect(await findFreeName("b.txt", () => false)).toBe("b (1).txt");
    await expect(findFreeName("c", () => true, 3)).rejects.toThrow(/no free name/);
  });
});
