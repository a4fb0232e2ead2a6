// The search box's rule for names: case-insensitive; a glob over the whole name when the text
// holds `*`, `?` or `[`, else a substring. Names never contain "/", so `*` needs no path
// semantics. Globs are matched by the classic two-pointer wildcard algorithm, not a RegExp: a
// pattern like `*a*a*a*a*b` would make a backtracking RegExp take exponential time on the event
// loop, while this is at most (name length × pattern length) steps.

const GLOB_CHARS = /[*?[]/;

type Token =
  | { kind: "star" }
  | { kind: "any" }
  | { kind: "char"; char: string }
  | { kind: "class"; negate: boolean; chars: string[]; ranges: Array<[string, string]> };

export function isGlob(query: string): boolean {
  return GLOB_CHARS.test(query);
}

/** `[...]` starting at `start` (the index of `[`), and the index of its `]`; undefined if unclosed. */
function parseClass(chars: string[], start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negate = chars[i] === "!" || chars[i] === "^";
  if (negate) i++;
  const token = {
    kind: "class" as const,
    negate,
    chars: [] as string[],
    ranges: [] as Array<[string, string]>,
  };
  // A `]` right after the opening (or its negation) is a member, as in shell globs.
  for (const first = i; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === "]" && i > first) return { token, end: i };
    const to = chars[i + 2];
    if (chars[i + 1] === "-" && to !== undefined && to !== "]") {
      token.ranges.push([c, to]);
      i += 2;
    } else {
      token.chars.push(c);
    }
  }
  return undefined;
}

function parseGlob(glob: string): Token[] {
  const chars = Array.from(glob.normalize("NFC"));
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === "*") {
      // Consecutive stars are one.
      if (tokens.at(-1)?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === "?") {
      tokens.push({ kind: "any" });
    } else {
      // An unclosed `[` is taken literally.
      const cls = c === "[" ? parseClass(chars, i) : undefined;
      if (cls) {
        tokens.push(cls.token);
        i = cls.end;
      } else {
        tokens.push({ kind: "char", char: c.toLowerCase() });
      }
    }
  }
  return tokens;
}

function inClass(token: Extract<Token, { kind: "class" }>, c: string): boolean {
  // `c` is lower-cased; the class may be written in either case.
  const forms = c === c.toUpperCase() ? [c] : [c, c.toUpperCase()];
  const hit = forms.some(
    (f) =>
      token.chars.some((m) => m.toLowerCase() === c || m === f) ||
      token.ranges.some(([from, to]) => from <= f && f <= to),
  );
  return hit !== token.negate;
}

function matchesOne(token: Token, c: string): boolean {
  if (token.kind === "any") return true;
  if (token.kind === "char") return token.char === c;
  if (token.kind === "class") return inClass(token, c);
  return false;
}

/** Whole-name glob match; `name` as code points, lower-cased. */
function globMatch(tokens: Token[], name: string[]): boolean {
  let t = 0;
  let n = 0;
  let starToken = -1;
  let starName = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind !== "star" && matchesOne(token, name[n] as string)) {
      t++;
      n++;
    } else if (token?.kind === "star") {
      starToken = t++;
      starName = n;
    } else if (starToken >= 0) {
      // Let the last star take one more character and retry from there.
      t = starToken + 1;
      n = ++starName;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === "star") t++;
  return t === tokens.length;
}

/** A predicate over entry names for what a person typed in the search box. */
export function nameMatcher(query: string): (name: string) => boolean {
  if (isGlob(query)) {
    const tokens = parseGlob(query);
    return (name) => globMatch(tokens, Array.from(name.normalize("NFC").toLowerCase()));
  }
  const needle = query.normalize("NFC").toLowerCase();
  return (name) =>
    name.toLowerCase().includes(needle) || name.normalize("NFC").toLowerCase().includes(needle);
}
