// JSON Lines read from the start of a file: one JSON value per line, where the text may stop in
// the middle of a line (the range fetched ended there) and blank lines are allowed.

export type JsonLine = { line: number; value: unknown } | { line: number; error: string; source: string };

export interface JsonLines {
  records: JsonLine[];
  /** Complete lines with a record, parsed or not (all of them, not just the first `limit`). */
  total: number;
  /** Whether the text stopped inside a line that was therefore left out. */
  partialTail: boolean;
}

/**
 * The first `limit` records of JSON Lines text. `complete` says whether the text is the whole
 * file; if not, whatever follows the last line break is a cut line and is left out.
 */
export function splitJsonLines(text: string, complete: boolean, limit: number): JsonLines {
  let body = text;
  let partialTail = false;
  if (!complete) {
    const lastBreak = text.lastIndexOf("\n");
    partialTail = lastBreak < text.length - 1;
    body = lastBreak < 0 ? "" : text.slice(0, lastBreak + 1);
  }
  const lines = body.split("\n");
  const records: JsonLine[] = [];
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const source = (lines[i] as string).replace(/\r$/, "");
    if (source.trim() === "") continue;
    total++;
    if (records.length >= limit) continue;
    try {
      records.push({ line: i + 1, value: JSON.parse(source) });
    } catch (err) {
      records.push({ line: i + 1, error: err instanceof Error ? err.message : String(err), source });
    }
  }
  return { records, total, partialTail };
}

/** Longest string value shown inside a summary, in characters. */
const SUMMARY_STRING = 28;

/** A value inside a summary: scalars as JSON (long strings cut), containers folded to their size. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[…${value.length}]`;
  if (value !== null && typeof value === "object") return Object.keys(value).length === 0 ? "{}" : "{…}";
  if (typeof value === "string" && value.length > SUMMARY_STRING) {
    return JSON.stringify(`${value.slice(0, SUMMARY_STRING - 1)}…`);
  }
  return JSON.stringify(value) ?? String(value);
}

/** Joins parts within `room` characters, ending with "…" when some did not fit. */
function joinWithin(parts: string[], room: number): string {
  let text = "";
  for (const [i, part] of parts.entries()) {
    const next = text === "" ? part : `${text}, ${part}`;
    if (next.length > room) return text === "" ? "…" : `${text}, …`;
    text = next;
    if (i === parts.length - 1) return text;
  }
  return text;
}

/**
 * A one-line summary of a value, for a collapsed record or tree node: the values themselves,
 * so a list of records reads like the data (`{"id": 1, "name": "Ana", …}`), not the same keys
 * on every line.
 */
export function summarise(value: unknown, maxLength = 120): string {
  if (Array.isArray(value)) return `[${joinWithin(value.map(inline), maxLength - 2)}]`;
  if (value !== null && typeof value === "object") {
    const parts = Object.entries(value).map(([key, v]) => `${JSON.stringify(key)}: ${inline(v)}`);
    return `{${joinWithin(parts, maxLength - 2)}}`;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
