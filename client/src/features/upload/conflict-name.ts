// "Keep both" names: `report.csv` → `report (1).csv`, like the browsers' download shelves.
// Dotfiles keep their leading dot as part of the name (`.env` → `.env (1)`); compound archive
// extensions stay together (`data.tar.gz` → `data (1).tar.gz`); a name that already carries a
// counter continues it (`report (1).csv` → `report (2).csv`).

const COMPOUND = /\.tar\.(gz|bz2|xz|zst|lz4|br)$/i;
const COUNTER = /^(.*) \((\d+)\)$/;

/** Splits a name into stem and extension (with its dot); the extension may be ''. */
export function splitName(name: string): { stem: string; ext: string } {
  const compound = COMPOUND.exec(name);
  if (compound && compound.index > 0)
    return { stem: name.slice(0, compound.index), ext: name.slice(compound.index) };
  const dot = name.lastIndexOf(".");
  // No dot, a leading dot only (dotfile) or a trailing dot: no extension.
  if (dot <= 0 || dot === name.length - 1) return { stem: name, ext: "" };
  return { stem: name.slice(0, dot), ext: name.slice(dot) };
}

/** The n-th alternative name (n ≥ 1). */
export function numberedName(name: string, n: number): string {
  const { stem, ext } = splitName(name);
  const counted = COUNTER.exec(stem);
  const base = counted ? (counted[1] as string) : stem;
  return `${base} (${n})${ext}`;
}

/** The first free alternative, starting after any counter the name already has. */
export async function findFreeName(
  name: string,
  isTaken: (candidate: string) => boolean | Promise<boolean>,
  maxAttempts = 1000,
): Promise<string> {
  const counted = COUNTER.exec(splitName(name).stem);
  const start = counted ? Number(counted[2]) + 1 : 1;
  for (let n = start; n < start + maxAttempts; n++) {
    const candidate = numberedName(name, n);
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new Error(`no free name found for ${name} after ${maxAttempts} attempts`);
}
