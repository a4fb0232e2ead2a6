// Single-range `Range: bytes=…` parsing (RFC 9110 §14). Multi-range and malformed headers are
// ignored (the whole file is served), which RFC 9110 permits and is all the app relies on.

export type RangeResult =
  | { kind: "none" }
  | { kind: "unsatisfiable" }
  /** Inclusive byte offsets. */
  | { kind: "range"; start: number; end: number };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: "none" };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: "none" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "none" };
  if (first === "") {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "range", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: "none" };
  if (last !== "" && end < start) return { kind: "none" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "range", start, end: Math.min(end, size - 1) };
}

/** `If-Unmodified-Since` holds when the file is not newer than the date (HTTP dates have 1 s resolution). */
export function unmodifiedSince(header: string | undefined, mtimeMs: number): boolean {
  if (header === undefined) return true;
  const limit = Date.parse(header);
  if (Number.isNaN(limit)) return true;
  return Math.floor(mtimeMs / 1000) * 1000 <= limit;
}
