// What a delimited text file looks like from its first records: the delimiter, whether the
// first record is a header, and each column's type (as a data person would read it).
import { parseCsv } from "./csv-parser";

export const DELIMITERS = [",", "\t", ";", "|"] as const;

/** Records looked at to decide; enough to be confident, few enough to be instant. */
const SAMPLE_RECORDS = 50;

/**
 * The delimiter that splits the sample's records into the same number (above one) of fields
 * most consistently. `preferred` (tab for .tsv) wins a near tie; a file of one column gets it.
 */
export function sniffDelimiter(sample: string, preferred = ","): string {
  // A partial last line would count as an inconsistent record.
  const cut = sample.lastIndexOf("\n");
  const text = cut > 0 ? sample.slice(0, cut) : sample;
  let best = { delimiter: preferred, score: 0 };
  const scores = new Map<string, number>();
  for (const delimiter of DELIMITERS) {
    const rows = parseCsv(text, delimiter, SAMPLE_RECORDS);
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let mode = 0;
    let modeRows = 0;
    for (const [fields, n] of counts) {
      if (n > modeRows || (n === modeRows && fields > mode)) {
        mode = fields;
        modeRows = n;
      }
    }
    const score = mode > 1 && rows.length > 0 ? (modeRows / rows.length) * (1 + Math.min(mode, 20) / 100) : 0;
    scores.set(delimiter, score);
    if (score > best.score) best = { delimiter, score };
  }
  const preferredScore = scores.get(preferred) ?? 0;
  return preferredScore > 0 && preferredScore >= best.score * 0.9 ? preferred : best.delimiter;
}

export type ColumnType = "integer" | "decimal" | "boolean" | "date" | "timestamp" | "string" | "empty";

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** How pandas, R and Spark write a missing value. */
const NULLS = new Set(["", "null", "na", "n/a", "none"]);

export function isNullValue(value: string): boolean {
  return NULLS.has(value.trim().toLowerCase());
}

function typeOfValue(value: string): Exclude<ColumnType, "empty"> {
  const v = value.trim();
  if (INTEGER.test(v)) return "integer";
  if (DECIMAL.test(v)) return "decimal";
  if (BOOLEAN.test(v)) return "boolean";
  if (DATE.test(v)) return "date";
  if (TIMESTAMP.test(v)) return "timestamp";
  return "string";
}

/** The narrowest type every non-null value fits (integers widen to decimal, dates to timestamp). */
export function inferType(values: readonly string[]): ColumnType {
  let type: ColumnType = "empty";
  for (const value of values) {
    if (isNullValue(value)) continue;
    const next = typeOfValue(value);
    if (type === "empty" || type === next) type = next;
    else if ((type === "integer" && next === "decimal") || (type === "decimal" && next === "integer"))
      type = "decimal";
    else if ((type === "date" && next === "timestamp") || (type === "timestamp" && next === "date"))
      type = "timestamp";
    else return "string";
  }
  return type;
}

function fits(value: string, type: ColumnType): boolean {
  if (isNullValue(value)) return true;
  const own = typeOfValue(value);
  return (
    own === type || (type === "decimal" && own === "integer") || (type === "timestamp" && own === "date")
  );
}

/**
 * Whether the first record names the columns. Each column votes: a typed column (numbers,
 * dates, booleans) whose first cell does not fit the type says "header"; one whose first cell
 * fits says "data"; a text column whose first cell recurs below says "data". A tie goes to
 * "header" when the first record's cells are all present and distinct.
 */
export function detectHeader(rows: readonly (readonly string[])[]): boolean {
  const first = rows[0];
  if (!first) return false;
  const body = rows.slice(1, SAMPLE_RECORDS + 1);
  let votes = 0;
  for (let c = 0; c < first.length; c++) {
    const cell = first[c] as string;
    const values = body.map((row) => row[c] ?? "");
    const type = inferType(values);
    if (type === "empty") continue;
    if (type !== "string") votes += fits(cell, type) ? -1 : 1;
    else if (values.includes(cell)) votes -= 1;
  }
  if (votes !== 0) return votes > 0;
  const names = first.map((cell) => cell.trim());
  return names.every((name) => name !== "") && new Set(names).size === names.length;
}

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  /** Missing values among the records looked at. */
  nulls: number;
}

/** Column names and types of parsed records (`width` = the widest record's field count). */
export function describeColumns(
  rows: readonly (readonly string[])[],
  width: number,
  hasHeader: boolean,
): ColumnInfo[] {
  const header = hasHeader ? (rows[0] as readonly string[]) : [];
  const body = hasHeader ? rows.slice(1) : rows;
  return Array.from({ length: width }, (_, c) => {
    const values = body.map((row) => row[c] ?? "");
    const named = header[c]?.trim();
    return {
      name: named ? named : `column ${c + 1}`,
      type: inferType(values),
      nulls: values.filter(isNullValue).length,
    };
  });
}
