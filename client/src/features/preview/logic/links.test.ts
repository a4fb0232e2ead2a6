import { describe, expect, it } from "vitest";
import { resolveLink } from "./links";

describe("resolveLink", () => {
  it("resolves relative references against the document's folder", () => {
    expect(resolveLink("docs", "img/chart.png")).toEqual({
      kind: "volume",
      path: "docs/img/chart.png",
      folder: false,
    });
    expect(resolveLink("docs/a", "../b/./c.md#part")).toEqual({
      kind: "volume",
      path: "docs/b/c.md",
      folder: false,
    });
    expect(resolveLink("", "data/")).toEqual({ kind: "volume", path: "data", folder: true });
    expect(resolveLink("", "my%20file.csv?x=1")).toEqual({
      kind: "volume",
      path: "my file.csv",
      folder: false,
    });
  });

  it("never leaves the volume", () => {
    expect(resolveLink("docs", "../../etc/passwd")).toEqual({ kind: "other" });
    expect(resolveLink("docs", "/api/files/volumes")).toEqual({ kind: "other" });
    expect(resolveLink("docs", "//evil.example/x")).toEqual({ kind: "other" });
  });

  it("sorts web links, anchors and other schemes", () => {
    expect(resolveLink("", "https://docs.databricks.com/x")).toEqual({
      kind: "external",
      href: "https://docs.databricks.com/x",
    });
    expect(resolveLink("", "mailto:a@b.c")).toMatchObject({ kind: "external" });
    expect(resolveLink("", "#usage")).toEqual({ kind: "fragment", href: "#usage" });
    expect(resolveLink("", "javascript:alert(1)")).toEqual({ kind: "other" });
    expect(resolveLink("", " JaVaScRiPt:alert(1)")).toEqual({ kind: "other" });
    expect(resolveLink("", "data:text/html,<script>")).toEqual({ kind: "other" });
  });
});
