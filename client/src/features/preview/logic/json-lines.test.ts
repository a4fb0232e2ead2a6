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
  it("shows a record's values, long strings cut and nested values folded", () => {
    const record = {
      id: 1,
      name: "Ana Silva",
      note: "x".repeat(40),
      tags: ["a", "b"],
      meta: { k: 1 },
      ok: null,
    };
    expect(summarise(record)).toBe(
      `{"id": 1, "name": "Ana Silva", "note": "${"x".repeat(27)}…", "tags": […2], "meta": {…}, "ok": null}`,
    );
    expect(summarise({})).toBe("{}");
    expect(summarise([1, "two", { three: 3 }])).toBe('[1, "two", {…}]');
  });

  it("stays within its length, ending with … when entries did not fit", () => {
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`key${i}`, i]));
    const text = summarise(wide, 40);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text).toBe('{"key0": 0, "key1": 1, "key2": 2, …}');
    expect(summarise("x".repeat(100), 10)).toBe(`"${"x".repeat(8)}…`);
  });
});
