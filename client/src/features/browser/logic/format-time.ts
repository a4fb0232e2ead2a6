// Times are shown in the viewer's own time zone and locale: a compact form in the list and
// the exact instant (with zone) on hover and in the details panel.

const compact = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "long" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

export function formatCompactTime(epochMs: number): string {
  return compact.format(epochMs);
}

export function formatExactTime(epochMs: number): string {
  return exact.format(epochMs);
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "5 minutes ago", "yesterday", "in 2 hours" (clock skew happens). */
export function formatRelativeTime(epochMs: number, now: number = Date.now()): string {
  let value = (epochMs - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), "year");
}
