// The Files API's list page, parsed once where it arrives: entries, and a next-page token that
// can go back to a client in a header and come back as a query value.
import { describe, expect, it } from "vitest";
import { parseListPage } from "./list.js";
import { UpstreamError } from "./upstream-error.js";

const page = (token: unknown) =>
  JSON.stringify({
    contents: [{ path: "/Volumes/c/s/v/a.txt", is_directory: false, file_size: 1 }],
    next_page_token: token,
  });

describe("parseListPage", () => {
  it("keeps a usable next-page token and drops an empty one", () => {
    expect(parseListPage(page("eyJvZmZzZXQiOjF9")).nextPageToken).toBe("eyJvZmZzZXQiOjF9");
    expect(parseListPage(page("")).nextPageToken).toBeUndefined();
    expect(parseListPage("").entries).toEqual([]);
  });

  it("refuses a token no header could carry, as the upstream's fault (502)", () => {
    for (const token of ["two words", "line\nbreak", "é", "a".repeat(4097)]) {
      let caught: unknown;
      try {
        parseListPage(page(token));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UpstreamError);
      expect((caught as UpstreamError).status).toBe(502);
    }
  });
});
