import type { SchemaElement } from "hyparquet";
import { describe, expect, it } from "vitest";
import { formatValue, isNumericColumn, typeLabel } from "./parquet-format";

const date: SchemaElement = { name: "d", type: "INT32", converted_type: "DATE" };

describe("formatValue", () => {
  it("shows DATE columns as calendar dates and timestamps in full", () => {
    const midnight = new Date("2024-01-02T00:00:00Z");
    expect(formatValue(midnight, date)).toBe("2024-01-02");
    expect(formatValue(new Date("2024-01-02T10:11:12.345Z"))).toBe("2024-01-02 10:11:12.345Z");
  });

  it("keeps integers exact and trims float noise", () => {
    expect(formatValue(9007199254740993n)).toBe("9007199254740993");
    expect(formatValue(0.1 + 0.2)).toBe("0.3");
    expect(formatValue(594)).toBe("594");
  });

  it("renders missing values as null, bytes as hex and nested values as JSON", () => {
    expect(formatValue(null)).toBeNull();
    expect(formatValue(undefined)).toBeNull();
    expect(formatValue(Uint8Array.from([1, 255]))).toBe("0x01ff");
    expect(formatValue({ a: [1n, 2n] })).toBe('{"a":["1","2"]}');
  });
});

describe("typeLabel and isNumericColumn", () => {
  it("names physical and logical types", () => {
    expect(typeLabel(date)).toBe("INT32 · DATE");
    expect(typeLabel({ name: "s", type: "BYTE_ARRAY", logical_type: { type: "STRING" } })).toBe(
      "BYTE_ARRAY · STRING",
    );
    expect(
      typeLabel({
        name: "t",
        type: "INT64",
        logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" },
      }),
    ).toBe("INT64 · TIMESTAMP(MICROS, UTC)");
    expect(typeLabel({ name: "g", num_children: 2 })).toBe("group");
  });

  it("right-aligns numbers but not dates", () => {
    expect(isNumericColumn({ name: "n", type: "DOUBLE" })).toBe(true);
    expect(isNumericColumn(date)).toBe(false);
    expect(isNumericColumn({ name: "s", type: "BYTE_ARRAY", converted_type: "UTF8" })).toBe(false);
  });
});
