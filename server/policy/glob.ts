// Globs over volume-relative paths, for `path("reports/**")`. Deliberately small: `*` and `?`
// stay inside one segment, `**` (a whole segment) spans any number of segments. No braces or
// character classes: an admin who writes `{a,b}` expecting shell behaviour gets an error, not a
// policy that silently matches nothing.

export class GlobError extends Error {
  override name = "GlobError";
}

export interface Glob {
  /** The pattern as written (NFC-normalised). */
  readonly source: string;
  /** The leading segments without wildcards: `reports/2024` for "reports/2024/*.csv", `""` for "*.csv". */
  readonly literalPrefix: string;
  matches(path: string, isDirectory?: boolean): boolean;
}

type Segment =
  | { kind: "any-depth" }
  | { kind: "literal"; text: string }
  | { kind: "wildcard"; regex: RegExp };

const UNSUPPORTED = /[[\]{}]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;

function escapeRegex(text: string): string {
  return text.replace(/[.+^$|()\\]/g, "\\$&");
}

function compileSegment(segment: string, pattern: string): Segment {
  if (segment === "**") return { kind: "any-depth" };
  if (segment.includes("**")) {
    throw new GlobError(`"**" must be a whole path segment in "${pattern}" (write "a/**/b", not "a**b")`);
  }
  if (segment === "." || segment === "..") {
    throw new GlobError(`"${segment}" segments are not allowed in "${pattern}"`);
  }
  if (!/[*?]/.test(segment)) return { kind: "literal", text: segment };
  const body = escapeRegex(segment).replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return { kind: "wildcard", regex: new RegExp(`^${body}$`, "u") };
}

export function compileGlob(rawPattern: string): Glob {
  const pattern = rawPattern.normalize("NFC");
  if (pattern === "") throw new GlobError('the pattern is empty (use "**" to match every path)');
  if (pattern.startsWith("/")) {
    throw new GlobError(
      `"${pattern}" starts with "/": patterns are relative to the volume root (write "${pattern.replace(/^\/+/, "")}")`,
    );
  }
  if (pattern.endsWith("/")) {
    throw new GlobError(
      `"${pattern}" ends with "/" (write "${pattern}**" for the folder and everything in it)`,
    );
  }
  if (pattern.includes("\\")) throw new GlobError(`"${pattern}" contains "\\": use "/" between segments`);
  if (CONTROL.test(pattern)) throw new GlobError(`"${pattern}" contains a control character`);
  if (UNSUPPORTED.test(pattern)) {
    throw new GlobError(
      `"${pattern}" uses [ ] or { }, which are not supported: list several patterns instead, e.g. path("a/**", "b/**")`,
    );
  }
  const parts = pattern.split("/");
  if (parts.includes("")) throw new GlobError(`"${pattern}" has an empty segment ("//")`);
  const segments: Segment[] = [];
  for (const part of parts) {
    const segment = compileSegment(part, pattern);
    // "a/**/**/b" means the same as "a/**/b"; collapsing keeps matching linear.
    if (segment.kind === "any-depth" && segments.at(-1)?.kind === "any-depth") continue;
    segments.push(segment);
  }
  const literal: string[] = [];
  for (const segment of segments) {
    if (segment.kind !== "literal") break;
    literal.push(segment.text);
  }
  return {
    source: pattern,
    literalPrefix: literal.join("/"),
    matches: (path, isDirectory) => matchSegments(segments, path, isDirectory),
  };
}

function segmentMatches(segment: Segment, name: string): boolean {
  if (segment.kind === "literal") return segment.text === name;
  if (segment.kind === "wildcard") return segment.regex.test(name);
  return true;
}

// dp[i][j]: pattern segments i.. match path segments j.. (bottom-up, so no exponential backtracking).
function matchSegments(
  segments: readonly Segment[],
  path: string,
  isDirectory: boolean | undefined,
): boolean {
  const names = path === "" ? [] : path.normalize("NFC").split("/");
  const p = segments.length;
  const s = names.length;
  let next: boolean[] = Array.from({ length: s + 1 }, (_, j) => j === s);
  for (let i = p - 1; i >= 0; i--) {
    const segment = segments[i];
    const current: boolean[] = new Array<boolean>(s + 1).fill(false);
    for (let j = s; j >= 0; j--) {
      if (segment?.kind === "any-depth") {
        if (i === p - 1) {
          // A trailing "**" that consumes nothing means "the folder itself", not a file so named.
          current[j] = j < s || isDirectory !== false;
        } else {
          current[j] = (next[j] ?? false) || (j < s && (current[j + 1] ?? false));
        }
      } else {
        const name = names[j];
        current[j] =
          segment !== undefined &&
          name !== undefined &&
          segmentMatches(segment, name) &&
          (next[j + 1] ?? false);
      }
    }
    next = current;
  }
  return next[0] ?? false;
}
