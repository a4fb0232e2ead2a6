// Byte sizes as people write them ("500MB", "5GiB", "1.5 GB", "1048576") and as the file browser
// shows them. Isomorphic: no Node imports. Decimal units are powers of 1000 and binary (IEC)
// units powers of 1024, as the SI/IEC standards say; we always *display* IEC units so that what
// the UI shows matches the limits the server enforces byte for byte.

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  tb: 1000 ** 4,
  pb: 1000 ** 5,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
};

export const KiB = 1024;
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;

export type SizeParseResult = { ok: true; bytes: number } | { ok: false; reason: string };

const SIZE_PATTERN = /^([+-]?)(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i;

/** Parses a size and explains why when it can't. */
export function parseSizeDetailed(input: string): SizeParseResult {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "the value is empty" };
  const match = SIZE_PATTERN.exec(text);
  if (!match) return { ok: false, reason: `"${input}" is not a number followed by an optional unit` };
  const [, sign = "", digits = "", rawUnit = ""] = match;
  const unit = rawUnit.toLowerCase();
  if (sign === "-") return { ok: false, reason: "a size cannot be negative" };
  const multiplier = unit === "" ? 1 : UNITS[unit];
  if (multiplier === undefined) {
    return { ok: false, reason: `unknown unit "${rawUnit}" (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)` };
  }
  const value = Number(digits);
  if (multiplier === 1 && !Number.isInteger(value)) {
    return { ok: false, reason: "a byte count must be a whole number" };
  }
  // Fractions of a larger unit ("1.5 KB") land on whole bytes; half a byte rounds up.
  const bytes = Math.round(value * multiplier);
  if (!Number.isSafeInteger(bytes)) return { ok: false, reason: "the size is too large" };
  return { ok: true, bytes };
}

/** `parseSize("500MB") === 500_000_000`; `undefined` for anything that isn't a size. */
export function parseSize(input: string): number | undefined {
  const result = parseSizeDetailed(input);
  return result.ok ? result.bytes : undefined;
}

const UNIT_SPELLING: Readonly<Record<string, string>> = {
  b: "B",
  kb: "KB",
  mb: "MB",
  gb: "GB",
  tb: "TB",
  pb: "PB",
  kib: "KiB",
  mib: "MiB",
  gib: "GiB",
  tib: "TiB",
  pib: "PiB",
};

/**
 * A size as its author wrote it, tidied for display: "1MB" is "1 MB" (not "977 KiB"), "5 gib"
 * is "5 GiB". A bare byte count gets the largest unit that divides it exactly ("1048576" is
 * "1 MiB", "1000000" is "1 MB"). `undefined` for anything that isn't a size.
 */
export function formatSizeAsWritten(input: string): string | undefined {
  const parsed = parseSizeDetailed(input);
  if (!parsed.ok) return undefined;
  const [, , digits = "", rawUnit = ""] = SIZE_PATTERN.exec(input.trim()) ?? [];
  const unit = UNIT_SPELLING[rawUnit.toLowerCase()];
  if (unit && unit !== "B") return `${Number(digits)} ${unit}`;
  return exactSize(parsed.bytes);
}

function exactSize(bytes: number): string {
  let best = `${bytes} B`;
  let bestValue = bytes;
  for (const [key, multiplier] of Object.entries(UNITS)) {
    const value = bytes / multiplier;
    if (multiplier > 1 && Number.isInteger(value) && value >= 1 && value < bestValue) {
      best = `${value} ${UNIT_SPELLING[key]}`;
      bestValue = value;
    }
  }
  return best;
}

const DISPLAY_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** `formatSize(5 * GiB) === "5 GiB"`, `formatSize(1_258_291) === "1.2 MiB"`, `formatSize(12) === "12 B"`. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  if (bytes < 0) return `-${formatSize(-bytes)}`;
  let unitIndex = 0;
  let value = bytes;
  while (value >= 1024 && unitIndex < DISPLAY_UNITS.length - 1) {
    value /= 1024;
    unitIndex += 1;
  }
  if (unitIndex === 0) return `${Math.round(value)} B`;
  // One decimal below 100 ("1.2 MiB", "12.5 GiB"), whole numbers above ("512 MiB").
  let rounded = value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
  if (rounded >= 1024 && unitIndex < DISPLAY_UNITS.length - 1) {
    rounded = 1;
    unitIndex += 1;
  }
  return `${rounded} ${DISPLAY_UNITS[unitIndex]}`;
}
