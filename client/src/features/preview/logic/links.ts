// Where a link or image in a previewed document points. Relative references are files of the
// same volume (resolved against the document's folder); anything else is elsewhere on the web.

export type LinkTarget =
  /** A file or folder of this volume (volume-relative path; `folder` when it ended with `/`). */
  | { kind: "volume"; path: string; folder: boolean }
  /** http(s) or mailto: opened in a new tab, never in the app's tab. */
  | { kind: "external"; href: string }
  /** An anchor inside the document itself. */
  | { kind: "fragment"; href: string }
  /** data:, an absolute path of this origin, an unknown scheme, or above the volume root. */
  | { kind: "other" };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function resolveLink(baseDir: string, href: string): LinkTarget {
  const value = href.trim();
  if (value === "") return { kind: "other" };
  if (value.startsWith("#")) return { kind: "fragment", href: value };
  if (SCHEME.test(value) || value.startsWith("//")) {
    return /^(https?:|mailto:)/i.test(value) ? { kind: "external", href: value } : { kind: "other" };
  }
  if (value.startsWith("/")) return { kind: "other" };
  const withoutSuffix = value.replace(/[?#].*$/, "");
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutSuffix);
  } catch {
    return { kind: "other" };
  }
  const segments = baseDir === "" ? [] : baseDir.split("/");
  for (const part of decoded.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (segments.length === 0) return { kind: "other" };
      segments.pop();
    } else segments.push(part);
  }
  return { kind: "volume", path: segments.join("/"), folder: decoded.endsWith("/") || segments.length === 0 };
}
