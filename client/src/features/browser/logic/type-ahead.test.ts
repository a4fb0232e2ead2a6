import { describe, expect, it } from "vitest";
import { EMPTY_TYPE_AHEAD, isTyping, TYPE_AHEAD_MS, typeAhead } from "./type-ahead";

const names = ["alpha", "beta", "data", "Docs", "drafts", "Réports", "report-2"];

describe("typeAhead", () => {
  it("jumps to the first name starting with the typed letters after the active row", () => {
    expect(typeAhead(EMPTY_TYPE_AHEAD, "d", 0, names, -1).index).toBe(2);
    expect(typeAhead(EMPTY_TYPE_AHEAD, "D", 0, names, 2).index).toBe(3);
  });

  it("extends the search within the time window and stays on a row that still matches", () => {
    const first = typeAhead(EMPTY_TYPE_AHEAD, "d", 1000, names, -1);
    const second = typeAhead(first.state, "r", 1100, names, first.index);
    expect(second.state.buffer).toBe("dr");
    expect(second.index).toBe(4);
    const r1 = typeAhead(EMPTY_TYPE_AHEAD, "r", 0, names, -1);
    expect(r1.index).toBe(5);
    expect(typeAhead(r1.state, "e", 10, names, r1.index).index).toBe(5);
  });

  it("starts over after a pause", () => {
    const first = typeAhead(EMPTY_TYPE_AHEAD, "d", 1000, names, -1);
    const later = typeAhead(first.state, "b", 1000 + TYPE_AHEAD_MS + 1, names, first.index);
    expect(later.state.buffer).toBe("b");
    expect(later.index).toBe(1);
    expect(isTyping(first.state, 1000 + TYPE_AHEAD_MS + 1)).toBe(false);
  });

  it("cycles through names on a repeated letter and wraps around", () => {
    let result = typeAhead(EMPTY_TYPE_AHEAD, "d", 0, names, -1);
    const seen = [result.index];
    for (let t = 1; t <= 3; t++) {
      result = typeAhead(result.state, "d", t * 10, names, result.index);
      seen.push(result.index);
    }
    expect(seen).toEqual([2, 3, 4, 2]);
  });

  it("ignores accents and reports no match as -1", () => {
    expect(typeAhead(EMPTY_TYPE_AHEAD, "r", 0, names, 5).index).toBe(6);
    expect(typeAhead(EMPTY_TYPE_AHEAD, "z", 0, names, 0).index).toBe(-1);
  });
});
