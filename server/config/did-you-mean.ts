// "Did you mean …?" hints for config variables, policy names and action names. A leaf module
// (no imports) so that both config/ and policy/ can use it without a cycle.

/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, so the most
 * common typo ("UPLAOD") costs 1, not 2.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    const row = d[i];
    if (!row) continue;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The closest candidate, compared case-insensitively, if it is close enough to be a plausible
 * typo: at most a quarter of the input's length (and at least 2) edits away.
 */
export function closestMatch(input: string, candidateList: Iterable<string>): string | undefined {
  const candidates = [...candidateList];
  const needle = input.toLowerCase();
  const limit = Math.max(2, Math.floor(needle.length / 4));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= limit) return best;
  // "write" → "write-actions": a word that is the unique start of a longer name.
  const extensions = candidates.filter(
    (c) => /^[-_]/.test(c.toLowerCase().slice(needle.length)) && c.toLowerCase().startsWith(needle),
  );
  return extensions.length === 1 ? extensions[0] : undefined;
}

/** ` Did you mean "x"?` or an empty string, ready to append to a sentence. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? "" : ` Did you mean "${match}"?`;
}
