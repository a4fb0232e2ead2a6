import { describe, expect, it } from "vitest";
import { browseHref, parseLocation } from "./browse-url";

function roundTrip(volume: string, path: string, file?: string) {
  const href = browseHref(volume, path, file ? { file } : {});
  const url = new URL(href, "https://app.example.com");
  return { href, route: parseLocation(url.pathname, url.search) };
}

describe("browse URLs", () => {
  it("puts the volume and each path segment in the pathname", () => {
    expect(browseHref("shared")).toBe("/browse/shared");
    expect(browseHref("shared", "reports/2024/q1")).toBe("/browse/shared/reports/2024/q1");
  });

  it("round-trips names with #, ?, %, ; and spaces through a real URL parser", () => {
    for (const name of ["日本 #1 100%.txt", "a?b=c", "50% off", "semi;colon", "x#y", "%2e%2e", "a+b"]) {
      const { href, route } = roundTrip("shared", `dir/${name}`);
      expect(href).not.toContain("#");
      expect(href).not.toContain("?");
      expect(route).toMatchObject({ kind: "browse", volume: "shared", path: `dir/${name}` });
    }
  });

  it("keeps the open file and a non-default sort in the query string", () => {
    const href = browseHref("shared", "data", { file: "a #1.csv", sort: { key: "size", order: "desc" } });
    const url = new URL(href, "https://x");
    expect(parseLocation(url.pathname, url.search)).toEqual({
      kind: "browse",
      volume: "shared",
      path: "data",
      file: "a #1.csv",
      sort: { key: "size", order: "desc" },
    });
    expect(browseHref("shared", "", { sort: { key: "name", order: "asc" } })).toBe("/browse/shared");
  });

  it("treats / and /browse as home, and unknown or malformed paths as invalid", () => {
    expect(parseLocation("/", "")).toEqual({ kind: "home" });
    expect(parseLocation("/browse/", "")).toEqual({ kind: "home" });
    expect(parseLocation("/elsewhere", "").kind).toBe("invalid");
    expect(parseLocation("/browse/shared/%E0%A4%A", "").kind).toBe("invalid");
  });

  it("ignores a trailing slash and falls back to the default sort on junk", () => {
    expect(parseLocation("/browse/shared/data/", "?sort=bogus&order=sideways")).toEqual({
      kind: "browse",
      volume: "shared",
      path: "data",
      sort: { key: "name", order: "asc" },
    });
  });
});
