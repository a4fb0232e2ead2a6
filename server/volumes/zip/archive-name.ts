// The name a zip download is saved under. `zip?name=` comes from the client, so it is reduced to
// a plain file name before it reaches Content-Disposition: no folders (`../../evil` → `evil`), no
// control, bidi or invisible characters, no hidden-file or Windows-trailing dots; nothing usable
// left means the default name.
import { FORBIDDEN_CHARS, LONE_SURROGATE } from "../../../shared/paths.js";

const UNSAFE = new RegExp(FORBIDDEN_CHARS.source, "gu");
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");
/** Well under the usual 255-byte file-name limit, with room for ` (2)` a browser may add. */
const MAX_NAME_CHARS = 150;

/** The name without folders, unsafe characters or a `.zip` extension; `''` when nothing is left. */
function stemOf(requested: string): string {
  const lastSegment =
    requested
      .replace(LONE_SURROGATES, "")
      .replace(UNSAFE, "")
      .split(/[\\/]/)
      .map((segment) => segment.trim())
      .filter((segment) => segment !== "")
      .pop() ?? "";
  // Leading dots hide the file (and `..` is no name); trailing dots and spaces vanish on Windows.
  const trimDots = (text: string) => text.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  return trimDots(lastSegment.replace(/[.\s]+$/, "").replace(/\.zip$/i, ""));
}

/** `requested` reduced to a file name ending in `.zip`, else `fallback` (e.g. the folder's name). */
export function archiveFileName(requested: string | undefined, fallback: string): string {
  const stem = stemOf(requested ?? "") || stemOf(fallback) || "download";
  return `${Array.from(stem).slice(0, MAX_NAME_CHARS).join("").trimEnd()}.zip`;
}
