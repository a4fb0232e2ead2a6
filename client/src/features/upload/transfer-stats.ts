// Speed and time left from progress samples over a sliding window: a per-event rate jumps
// around with every TCP burst, a whole-transfer average reacts too slowly to a stall.

export interface Sample {
  at: number;
  loaded: number;
}

export const WINDOW_MS = 3000;

/** Adds a sample and drops those older than the window (keeping one just outside it as a base). */
export function addSample(samples: readonly Sample[], sample: Sample): Sample[] {
  const next = [...samples, sample];
  while (next.length > 2 && (next[1] as Sample).at <= sample.at - WINDOW_MS) next.shift();
  return next;
}

/** Bytes per second over the window; undefined until there is enough to say. */
export function speedOf(samples: readonly Sample[]): number | undefined {
  if (samples.length < 2) return undefined;
  const first = samples[0] as Sample;
  const last = samples[samples.length - 1] as Sample;
  const ms = last.at - first.at;
  if (ms < 250) return undefined;
  return ((last.loaded - first.loaded) * 1000) / ms;
}

/** Seconds left, or undefined when the speed is unknown or zero. */
export function secondsLeft(loaded: number, total: number, speed: number | undefined): number | undefined {
  if (speed === undefined || speed <= 0) return undefined;
  return Math.max(0, (total - loaded) / speed);
}

/** "12 s", "3 min", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
