import { NEXT_PAGE_TOKEN_HEADER as SHARED } from "@shared/api/files";
import { describe, expect, it } from "vitest";
import { NEXT_PAGE_TOKEN_HEADER } from "./list";

describe("list API module", () => {
  it("reads the page token from the header the contract names", () => {
    expect(NEXT_PAGE_TOKEN_HEADER).toBe(SHARED);
  });
});
