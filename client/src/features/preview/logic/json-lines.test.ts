import { describe, expect, it } from "vitest";
import { splitJsonLines, summarise } from "./json-lines";

describe("splitJsonLines", () => {
  it("parses one value per line, skipping blank lines and keeping line numbers", () => {
    const result = splitJsonLines('{"a":1}\r\n\n[2]\n"x"\n', true, 10);
    expect(result).toEqual({
      records: [
        { line: 1, value: { a: 1 } },
        { line: 3, value: [2] },
        { line: 4, value: "x" },
      ],
      total: 3,
      partialTail: false,
    });
  });

  it("leaves out a line cut by the end of the range (but not the last line of a whole file)", () => {
    expect(splitJsonLines('{"a":1}\n{"b":', false, 10)).toMatchObject({ total: 1, partialTail: true });
    expect(splitJsonLines('{"a":1}\n{"b":2}', true, 10)).toMatchObject({ total: 2, partialTail: false });
    expect(splitJsonLines('{"a":1}\n', false, 10)).toMatchObject({ total: 1, partialTail: false });
  });

  it("reports a broken line without losing the others, and counts past the limit", () => {
    const result = splitJsonLines('{"a":1}\n{oops}\n{"c":3}\n{"d":4}\n', true, 2);
    expect(result.records).toHaveLength(2);
    expect(result.records[1]).toMatchObject({ line: 2, source: "{oops}" });
    expect(result.total).toBe(4);
  });
});

describe("summarise", () => {
  it("summarises objects by their first keys and arrays by length", () => {
    expect(summarise({ a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe("{ a, b, c, d, … +1 }");
    expect(summarise([1, 2])).toBe("[2 items]");
    expect(summarise("x".repeat(100), 10)).toBe(`"${"x".repeat(8)}…`);
  });
});
