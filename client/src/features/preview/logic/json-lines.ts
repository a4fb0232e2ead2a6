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

/** A one-line summary of a value, for a collapsed record or tree node. */
export function summarise(value: unknown, maxLength = 80): string {
  let text: string;
  if (Array.isArray(value)) text = `[${value.length} item${value.length === 1 ? "" : "s"}]`;
  else if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 4).join(", ");
    text = `{ ${shown}${keys.length > 4 ? `, … +${keys.length - 4}` : ""} }`;
    if (keys.length === 0) text = "{}";
  } else text = JSON.stringify(value) ?? String(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
