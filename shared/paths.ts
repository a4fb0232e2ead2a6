// Path rules for one volume. Isomorphic (the React path bar uses them too): no Node imports.
//
// A client never chooses the `/Volumes/...` prefix. It sends a path relative to the volume root,
// or an absolute path that must lie inside this very volume; both become one canonical relative
// path that the policy, the cache and the upstream URL builder all see.
//
// Input is decoded exactly once, by the HTTP framework. We never decode again: `%2e%2e` is a
// legal (if odd) file name, while a decoded `..` is a traversal and is rejected. Decoding twice
// would turn the former into the latter.

export type PathResult = { ok: true; path: string } | { ok: false; reason: string };

/** Longest name in UTF-8 bytes, as on the usual file systems and in Unity Catalog. */
export const MAX_SEGMENT_BYTES = 255;
/** Longest absolute path (`/Volumes/c/s/v/...`) in UTF-8 bytes. */
export const MAX_PATH_BYTES = 4096;

const VOLUMES = "Volumes";

// C0, DEL and C1 controls; bidi embeddings/overrides/isolates (U+202A–E, U+2066–9, and the
// Arabic letter mark U+061C) that make `evil<U+202E>txt.exe` look like another name; zero-width
// and invisible characters (U+200B–F, U+2060–4, U+FEFF) that make two names look identical;
// and the line/paragraph separators U+2028/9 that break log lines and text UIs.
export const FORBIDDEN_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
// A lone surrogate cannot be encoded as UTF-8; encodeURIComponent would throw on it later.
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const DBFS_SCHEME = /^dbfs:/i;

/** UTF-8 length without allocating (TextEncoder would copy the whole string). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function rootSegments(volumeRoot: string): string[] {
  const segments = volumeRoot.split("/").filter((s) => s !== "");
  if (segments.length !== 4 || segments[0] !== VOLUMES) {
    throw new Error(
      `not a volume root: ${JSON.stringify(volumeRoot)} (expected /Volumes/<catalog>/<schema>/<volume>)`,
    );
  }
  return segments;
}

function fail(reason: string): PathResult {
  return { ok: false, reason };
}

/**
 * Resolves what a client sent to a canonical path relative to `volumeRoot` (`/Volumes/c/s/v`):
 * no leading or trailing slash, NFC, `''` for the root.
 *
 * Accepted forms:
 * - relative: `a/b.csv`; one trailing `/` is allowed (a directory);
 * - a leading `/` that does not start `/Volumes/` is volume-relative: `/a/b.csv` = `a/b.csv`
 *   (so a top-level folder named `Volumes` must be written without the leading slash);
 * - absolute `/Volumes/c/s/v/...` or `dbfs:/Volumes/c/s/v/...`, only inside this volume, compared
 *   segment by segment and case-sensitively (`/Volumes/c/s/v2/x` and `/volumes/c/s/v/x` are outside).
 */
export function normaliseRelativePath(input: string, volumeRoot: string): PathResult {
  const root = rootSegments(volumeRoot);
  // Cheap bound before normalising: NFC can at most triple the UTF-16 length.
  if (input.length > MAX_PATH_BYTES * 3) return fail(`the path is longer than ${MAX_PATH_BYTES} bytes`);
  if (LONE_SURROGATE.test(input)) return fail("the path is not valid Unicode (a lone surrogate)");
  // Checked after NFC so that no composition can bring back what the checks removed.
  const text = input.normalize("NFC");
  if (FORBIDDEN_CHARS.test(text)) return fail("the path contains a control, bidi or invisible character");
  if (text.includes("\\")) return fail("'\\' is not allowed in a path");

  let body: string;
  let absolute = false;
  if (DBFS_SCHEME.test(text)) {
    body = text.slice("dbfs:".length);
    if (!body.startsWith(`/${VOLUMES}/`) && body !== `/${VOLUMES}`) {
      return fail("a dbfs: path must be under /Volumes/");
    }
    absolute = true;
  } else {
    body = text;
    // `/volumes/...` in another case is almost surely a mistyped absolute path: treating it as a
    // folder named `volumes` would silently write somewhere the person did not mean.
    const first = body.startsWith("/") ? body.slice(1).split("/", 1)[0] : undefined;
    absolute = first !== undefined && first.toLowerCase() === VOLUMES.toLowerCase();
  }

  if (body.startsWith("/")) body = body.slice(1);
  if (body.endsWith("/")) body = body.slice(0, -1);
  const segments = body === "" ? [] : body.split("/");

  if (absolute) {
    for (let i = 0; i < root.length; i++) {
      if (segments[i] !== root[i]) return fail(`the path is outside this volume (${volumeRoot})`);
    }
    segments.splice(0, root.length);
  }

  for (const segment of segments) {
    if (segment === "") return fail("the path contains an empty segment ('//')");
    if (segment === "." || segment === "..") return fail("'.' and '..' segments are not allowed");
    if (utf8Length(segment) > MAX_SEGMENT_BYTES) {
      return fail(`a name is longer than ${MAX_SEGMENT_BYTES} bytes`);
    }
  }
  const path = segments.join("/");
  if (utf8Length(joinUnchecked(root, path)) > MAX_PATH_BYTES) {
    return fail(`the path is longer than ${MAX_PATH_BYTES} bytes`);
  }
  return { ok: true, path };
}

function joinUnchecked(root: string[], rel: string): string {
  return `/${root.join("/")}${rel === "" ? "" : `/${rel}`}`;
}

/**
 * The absolute path of a canonical relative path. Throws if `rel` is not canonical (it must come
 * from normaliseRelativePath): joining unchecked input is how paths escape a volume.
 */
export function joinVolumePath(volumeRoot: string, rel: string): string {
  const checked = normaliseRelativePath(rel, volumeRoot);
  if (!checked.ok || checked.path !== rel) {
    throw new Error(`not a canonical volume-relative path: ${JSON.stringify(rel)}`);
  }
  return joinUnchecked(rootSegments(volumeRoot), rel);
}

/** Same as joinVolumePath: the `/Volumes/...` form people copy and paste. */
export function toVolumeUri(volumeRoot: string, rel: string): string {
  return joinVolumePath(volumeRoot, rel);
}

/** The parent of a canonical relative path; the root is its own parent (`''`). */
export function parentOf(rel: string): string {
  const slash = rel.lastIndexOf("/");
  return slash < 0 ? "" : rel.slice(0, slash);
}

/** The last segment of a canonical relative path; `''` for the root. */
export function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf("/") + 1);
}

/** Joins a canonical directory path and one child name (which must be a valid segment). */
export function childPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

/** True when `rel` is `ancestor` itself or lies below it (segment-wise: `ab` is not under `a`). */
export function isSameOrInside(rel: string, ancestor: string): boolean {
  return ancestor === "" || rel === ancestor || rel.startsWith(`${ancestor}/`);
}

/** `''`, `a`, `a/b`, … `rel`: the root and every ancestor of `rel`, then `rel` itself. */
export function ancestorsAndSelf(rel: string): string[] {
  const out = [""];
  if (rel === "") return out;
  let end = rel.indexOf("/");
  while (end >= 0) {
    out.push(rel.slice(0, end));
    end = rel.indexOf("/", end + 1);
  }
  out.push(rel);
  return out;
}

export interface PastedPathVolume {
  key: string;
  /** `/Volumes/<catalog>/<schema>/<volume>` */
  path: string;
}

/**
 * What someone pasted into the path bar: `/Volumes/c/s/v/dir`, `dbfs:/Volumes/c/s/v/dir`, or a
 * path relative to `currentVolumeKey`. Surrounding whitespace (a copied newline) is ignored.
 * Returns undefined when the path is invalid or names no configured volume.
 */
export function parsePastedPath(
  input: string,
  volumes: readonly PastedPathVolume[],
  currentVolumeKey?: string,
): { volumeKey: string; path: string } | undefined {
  const text = input.trim();
  const absolute = text.replace(DBFS_SCHEME, "");
  const isAbsolute = DBFS_SCHEME.test(text) || /^\/volumes(\/|$)/i.test(absolute);
  if (isAbsolute) {
    for (const volume of volumes) {
      const result = normaliseRelativePath(text, volume.path);
      if (result.ok) return { volumeKey: volume.key, path: result.path };
    }
    return undefined;
  }
  const current = volumes.find((v) => v.key === currentVolumeKey);
  if (!current) return undefined;
  const result = normaliseRelativePath(text, current.path);
  return result.ok ? { volumeKey: current.key, path: result.path } : undefined;
}
