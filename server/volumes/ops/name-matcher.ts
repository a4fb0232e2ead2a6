// The search box's rule for names: case-insensitive; a glob over the whole name when the text
// holds `*`, `?` or `[`, else a substring. Names never contain "/", so `*` needs no path
// semantics and a small translation to a RegExp is all a glob takes (no dependency).

const GLOB_CHARS = /[*?[]/;
const REGEXP_SPECIAL = /[\\^$.*+?()[\]{}|]/g;

export function isGlob(query: string): boolean {
  return GLOB_CHARS.test(query);
}

/** `[...]` at `start` (the index of `[`) as a RegExp class and where it ends; undefined if unclosed. */
function bracket(glob: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (glob[i] === "!" || glob[i] === "^") {
    negate = true;
    i++;
  }
  // A `]` right after the opening (or its negation) is a member, as in shell globs.
  const firstMember = i;
  let body = "";
  for (; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "]" && i > firstMember) {
      return { source: `[${negate ? "^" : ""}${body}]`, end: i };
    }
    // A range's "-" stays a range; everything else is taken literally inside the class.
    body += c === "-" && i > firstMember && glob[i + 1] !== "]" ? "-" : c.replace(/[\\\]^[-]/g, "\\$&");
  }
  return undefined;
}

export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") {
      source += "[^]*";
    } else if (c === "?") {
      source += "[^]";
    } else if (c === "[") {
      const cls = bracket(glob, i);
      if (cls) {
        source += cls.source;
        i = cls.end;
      } else {
        source += "\\[";
      }
    } else {
      source += c.replace(REGEXP_SPECIAL, "\\$&");
    }
  }
  // `u` so that `?` is one character (not one UTF-16 unit) and case folding covers non-ASCII.
  return new RegExp(`^${source}$`, "iu");
}

/** A predicate over entry names for what a person typed in the search box. */
export function nameMatcher(query: string): (name: string) => boolean {
  if (isGlob(query)) {
    const pattern = globToRegExp(query.normalize("NFC"));
    return (name) => pattern.test(name.normalize("NFC"));
  }
  const needle = query.normalize("NFC").toLowerCase();
  return (name) =>
    name.toLowerCase().includes(needle) || name.normalize("NFC").toLowerCase().includes(needle);
}
