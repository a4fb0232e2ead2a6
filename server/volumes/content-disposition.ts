// Content-Disposition per RFC 6266 with the RFC 8187 `filename*` extension. File names come from
// users, so the header must stay valid and single for any name: quotes, `;`, CR/LF, non-Latin
// characters and lone surrogates never produce a 500 (Node throws on invalid header characters)
// or a second, injected header.

import { FORBIDDEN_CHARS, LONE_SURROGATE } from "../../shared/paths.js";

export type DispositionType = "inline" | "attachment";

// Controls and bidi/invisible characters (the set shared/paths rejects in paths) are removed from
// the offered name: a browser would strip or reject the former, and the latter let
// `invoice<U+202E>fdp.exe` pose as a PDF.
const UNSAFE_IN_NAME = new RegExp(FORBIDDEN_CHARS.source, "gu");
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");
// In the quoted fallback: anything outside printable ASCII, and `"` / `\` (quoted-pair is
// handled inconsistently by browsers, so replacing is safer than escaping).
const NOT_QUOTABLE = /[^\x20-\x7e]|["\\]/;
// encodeURIComponent leaves `'()*` alone, but they are not RFC 8187 attr-chars.
const NOT_ATTR_CHAR = /['()*]/g;
// Some user agents percent-decode a plain `filename`; `filename*` wins over it where present.
const LOOKS_ENCODED = /%[0-9a-f]{2}/i;

function encodeAttrValue(value: string): string {
  return encodeURIComponent(value).replace(
    NOT_ATTR_CHAR,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Splits on code points so one non-ASCII character becomes one `_`, not two. */
function asciiFallback(name: string): string {
  return Array.from(name, (c) => (NOT_QUOTABLE.test(c) ? "_" : c)).join("");
}

/**
 * `attachment; filename="plain.txt"` for ASCII names; for anything else an ASCII fallback plus
 * `filename*=UTF-8''<percent-encoded>` which every current browser prefers.
 */
export function contentDisposition(type: DispositionType, fileName: string): string {
  const cleaned = fileName.replace(LONE_SURROGATES, "\ufffd").replace(UNSAFE_IN_NAME, "").trim();
  const name = cleaned === "" ? "download" : cleaned;
  const fallback = asciiFallback(name);
  const header = `${type}; filename="${fallback}"`;
  return fallback === name && !LOOKS_ENCODED.test(name)
    ? header
    : `${header}; filename*=UTF-8''${encodeAttrValue(name)}`;
}
