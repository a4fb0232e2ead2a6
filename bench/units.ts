// Sizes, durations and numbers as people type and read them: "1GiB", "256MiB", "2m", "1.5 s".

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = SIZE_UNITS[(match?.[2] || "b").toLowerCase()];
  if (!match || unit === undefined) throw new Error(`not a size: "${text}" (e.g. 1GiB, 256MiB, 500MB)`);
  return Math.round(Number(match[1]) * unit);
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = DURATION_UNITS[(match?.[2] || "s").toLowerCase()];
  if (!match || unit === undefined) throw new Error(`not a duration: "${text}" (e.g. 90s, 2m)`);
  return Math.round(Number(match[1]) * unit);
}

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(abs % 1024 ** 3 === 0 ? 0 : 2)} GiB`;
  if (abs >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(abs % 1024 ** 2 === 0 ? 0 : 1)} MiB`;
  if (abs >= 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${bytes} B`;
}

/** Memory in MB (10^6 bytes), the unit the targets are written in. */
export const mb = (bytes: number) => bytes / 1e6;
export const formatMb = (bytes: number) => `${mb(bytes).toFixed(1)} MB`;
export const formatRate = (bytesPerSecond: number) => `${(bytesPerSecond / 1024 ** 2).toFixed(0)} MiB/s`;
export const formatMs = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);
export const formatPercent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
