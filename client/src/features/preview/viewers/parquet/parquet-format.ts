// How Parquet values, types and statistics read in the preview. Pure (no hyparquet runtime), so
// it is unit-tested and shared by the rows, schema and row-group views.
import type { SchemaElement } from "hyparquet";

const isDateOnly = (element: SchemaElement | undefined) =>
  element?.converted_type === "DATE" || element?.logical_type?.type === "DATE";

const DATE_ONLY_HINT = "date";

function stringifyNested(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (v instanceof Uint8Array) return `0x${hex(v, 32)}`;
    return v;
  });
}

function hex(bytes: Uint8Array, max: number): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, "0")).join("");
  return bytes.length > max ? `${shown}…` : shown;
}

/** A cell or statistic as text; null/undefined stay null (the table dims them). */
export function formatValue(value: unknown, element?: SchemaElement | typeof DATE_ONLY_HINT): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "Invalid date";
    const iso = value.toISOString();
    return element === DATE_ONLY_HINT || (typeof element === "object" && isDateOnly(element))
      ? iso.slice(0, 10)
      : iso.replace("T", " ").replace(/\.000Z$/, "Z");
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Uint8Array) return `0x${hex(value, 32)}`;
  return stringifyNested(value);
}

/** "INT32 · DATE", "BYTE_ARRAY · STRING", "FIXED_LEN_BYTE_ARRAY(16) · UUID", "DECIMAL(10,2)". */
export function typeLabel(element: SchemaElement): string {
  if (!element.type) return element.logical_type?.type ?? element.converted_type ?? "group";
  const physical =
    element.type === "FIXED_LEN_BYTE_ARRAY" && element.type_length
      ? `FIXED_LEN_BYTE_ARRAY(${element.type_length})`
      : element.type;
  const logical = element.logical_type;
  let meaning: string | undefined;
  if (logical?.type === "DECIMAL") meaning = `DECIMAL(${logical.precision},${logical.scale})`;
  else if (logical?.type === "TIMESTAMP" || logical?.type === "TIME")
    meaning = `${logical.type}(${logical.unit}${logical.isAdjustedToUTC ? ", UTC" : ""})`;
  else if (logical?.type === "INTEGER") meaning = `${logical.isSigned ? "INT" : "UINT"}${logical.bitWidth}`;
  else if (logical) meaning = logical.type;
  else if (element.converted_type === "DECIMAL") meaning = `DECIMAL(${element.precision},${element.scale})`;
  else if (element.converted_type) meaning = element.converted_type;
  return meaning ? `${physical} · ${meaning}` : physical;
}

const NUMERIC_PHYSICAL = new Set(["INT32", "INT64", "FLOAT", "DOUBLE"]);

/** Whether a column's values are numbers (right-aligned); dates stored as INT32 are not. */
export function isNumericColumn(element: SchemaElement | undefined): boolean {
  if (!element?.type || !NUMERIC_PHYSICAL.has(element.type)) return element?.logical_type?.type === "DECIMAL";
  const meaning = element.logical_type?.type ?? element.converted_type;
  return meaning === undefined || meaning === "INTEGER" || meaning === "DECIMAL" || /^U?INT_/.test(meaning);
}

export function formatCount(value: bigint | number): string {
  return typeof value === "bigint" ? value.toLocaleString("en-US") : value.toLocaleString();
}
