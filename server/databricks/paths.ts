// Defence in depth for upstream URLs. The volume service already confines paths to a volume, but
// this is the last code before the network: a dot segment or an unencoded `?`/`#` here would
// send a request with the app's token somewhere other than the Files API (docs/databricks-files-api.md, SDK trap 3).
import { invalidPath } from "../errors/catalogue.js";

export type FilesApiKind = "files" | "directories";

export const FILES_API_PREFIX = "/api/2.0/fs";
const MAX_PATH_BYTES = 4096;
const MAX_SEGMENT_BYTES = 255;
// C0 controls, DEL and C1 controls: never legitimate in a volume path and risky in logs/headers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks an absolute volume path (`/Volumes/<catalog>/<schema>/<volume>/…`) and returns its
 * segments after `Volumes`. Throws a 400 AppError before any network call on anything odd.
 * A directory path may end in one `/` (the volume root is often written that way).
 */
export function volumePathSegments(path: string, kind: FilesApiKind): string[] {
  if (typeof path !== "string" || !path.startsWith("/Volumes/")) {
    throw invalidPath("The path must be an absolute volume path starting with /Volumes/.");
  }
  if (Buffer.byteLength(path, "utf8") > MAX_PATH_BYTES) throw invalidPath("The path is too long.");
  if (path.includes("\\")) throw invalidPath("The path must not contain a backslash.");
  if (CONTROL_CHARACTERS.test(path)) throw invalidPath("The path must not contain control characters.");
  const trimmed =
    kind === "directories" && path.length > "/Volumes/".length && path.endsWith("/")
      ? path.slice(0, -1)
      : path;
  const segments = trimmed.slice("/Volumes/".length).split("/");
  for (const segment of segments) {
    if (segment === "") throw invalidPath("The path must not contain empty segments.");
    if (segment === "." || segment === "..")
      throw invalidPath("The path must not contain '.' or '..' segments.");
    if (Buffer.byteLength(segment, "utf8") > MAX_SEGMENT_BYTES)
      throw invalidPath("A path segment is too long.");
  }
  if (segments.length < 3) throw invalidPath("The path must name a catalog, a schema and a volume.");
  return segments;
}

/** The encoded request pathname, e.g. `/api/2.0/fs/files/Volumes/c/s/v/a%23b.csv`. */
export function filesApiPathname(kind: FilesApiKind, path: string): string {
  const segments = volumePathSegments(path, kind);
  try {
    return `${FILES_API_PREFIX}/${kind}/Volumes/${segments.map(encodeURIComponent).join("/")}`;
  } catch (err) {
    // encodeURIComponent throws URIError on a lone surrogate.
    throw invalidPath("The path is not valid Unicode.", { cause: err });
  }
}
