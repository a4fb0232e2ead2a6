// Durations as admins write them in app.yaml: "30s", "5m", "250ms", "1.5h", or a bare number
// of milliseconds.

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
};
const PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i;

export type DurationParseResult = { ok: true; ms: number } | { ok: false; reason: string };

export function parseDuration(input: string): DurationParseResult {
  const text = input.trim();
  if (text.startsWith("-")) return { ok: false, reason: "a duration cannot be negative" };
  const match = PATTERN.exec(text);
  if (!match) return { ok: false, reason: `"${input}" is not a number followed by an optional unit` };
  const [, digits = "", rawUnit = ""] = match;
  const unit = rawUnit.toLowerCase();
  const multiplier = unit === "" ? 1 : UNITS[unit];
  if (multiplier === undefined) return { ok: false, reason: `unknown unit "${rawUnit}" (use ms, s, m or h)` };
  const ms = Math.round(Number(digits) * multiplier);
  if (!Number.isSafeInteger(ms)) return { ok: false, reason: "the duration is too long" };
  return { ok: true, ms };
}

/** `formatDuration(30_000) === "30s"`: the largest unit that divides evenly, for messages. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
