// Content types by file extension, and which of them may be shown inline. Isomorphic (the client
// uses the same map to pick a previewer), so no Node imports.
//
// The type always comes from this map (plus the admin's FILES_CONTENT_TYPES), never from what the
// uploader or the upstream claimed: a file called `x.png` full of HTML must still be served as an
// image, under nosniff, so the browser refuses to render it as a page.

export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

const TEXT = "text/plain; charset=utf-8";

// Source code is served as text/plain: a `.js` file must never reach the browser with a script
// type, and as text it previews like any other source file.
const CODE_EXTENSIONS = (
  "py sql r scala java kt go rs c h cc cpp hpp cs rb php pl lua swift sh bash zsh ps1 bat " +
  "js mjs cjs jsx ts mts cts tsx css scss less yaml yml toml ini cfg conf properties env txt log " +
  "tex gradle tf hcl proto graphql gql vue svelte"
).split(" ");

const BUILT_IN: Readonly<Record<string, string>> = {
  ...Object.fromEntries(CODE_EXTENSIONS.map((ext) => [ext, TEXT])),
  csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  json: "application/json",
  jsonl: "application/x-ndjson",
  ndjson: "application/x-ndjson",
  geojson: "application/geo+json",
  ipynb: "application/x-ipynb+json",
  parquet: "application/vnd.apache.parquet",
  avro: "application/avro",
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  xhtml: "application/xhtml+xml",
  xml: "application/xml",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  bmp: "image/bmp",
  ico: "image/vnd.microsoft.icon",
  tif: "image/tiff",
  tiff: "image/tiff",
  pdf: "application/pdf",
  wav: "audio/wav",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  flac: "audio/flac",
  m4a: "audio/mp4",
  aac: "audio/aac",
  mp4: "video/mp4",
  m4v: "video/mp4",
  webm: "video/webm",
  ogv: "video/ogg",
  mov: "video/quicktime",
  zip: "application/zip",
  gz: "application/gzip",
  tgz: "application/gzip",
  tar: "application/x-tar",
  bz2: "application/x-bzip2",
  zst: "application/zstd",
  "7z": "application/x-7z-compressed",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  wasm: "application/wasm",
};

/** `image/PNG; charset=x` → `image/png`: the part that decides how a browser handles a response. */
export function mimeEssence(contentType: string): string {
  const semicolon = contentType.indexOf(";");
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** `.Avro` / `avro` → `avro`: how extensions are keyed here and in FILES_CONTENT_TYPES. */
export function normaliseExtension(extension: string): string {
  return extension.replace(/^\./, "").toLowerCase();
}

/**
 * The content type for a file name. `extra` (from FILES_CONTENT_TYPES, keys with or without the
 * dot) wins over the built-in map and may use multi-part extensions such as `.tar.gz`. Names
 * without an extension (and dotfiles such as `.env`) are `application/octet-stream`.
 */
export function contentTypeFor(name: string, extra?: Readonly<Record<string, string>>): string {
  const lower = name.slice(name.lastIndexOf("/") + 1).toLowerCase();
  const extras = extra ? normaliseKeys(extra) : undefined;
  // Longest suffix first, skipping a leading dot: `.env` is a name, not an extension.
  for (
    let dot = lower.indexOf(".", 1);
    dot > 0 && dot < lower.length - 1;
    dot = lower.indexOf(".", dot + 1)
  ) {
    const ext = lower.slice(dot + 1);
    const found = extras?.get(ext) ?? (ext.includes(".") ? undefined : BUILT_IN[ext]);
    if (found !== undefined) return found;
  }
  return DEFAULT_CONTENT_TYPE;
}

const normalisedCache = new WeakMap<Readonly<Record<string, string>>, Map<string, string>>();

function normaliseKeys(extra: Readonly<Record<string, string>>): Map<string, string> {
  let map = normalisedCache.get(extra);
  if (!map) {
    map = new Map(Object.entries(extra).map(([ext, type]) => [normaliseExtension(ext), type.trim()]));
    normalisedCache.set(extra, map);
  }
  return map;
}

// Types a browser renders without running anything of the file's: images except SVG, audio,
// video, and text it shows as text. Everything else, including every type not listed here, is
// an attachment. Deliberately *not* here:
// - HTML, XHTML, SVG, XML (XSLT and SVG run script; XML can become XHTML), and any *script* type;
// - PDF: raw responses carry `Content-Security-Policy: sandbox`, and Chromium refuses to start its
//   PDF viewer in a sandboxed document ("This page has been blocked by Chrome", crbug 413851),
//   so inline PDF would only show an error. The previewer renders PDFs itself from the bytes.
const INLINE_SAFE: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
  "image/vnd.microsoft.icon",
  "audio/wav",
  "audio/mpeg",
  "audio/ogg",
  "audio/flac",
  "audio/mp4",
  "audio/aac",
  "video/mp4",
  "video/webm",
  "video/ogg",
  "video/quicktime",
  "text/plain",
  "text/csv",
  "text/tab-separated-values",
  "text/markdown",
  "application/json",
  "application/x-ndjson",
]);

/** Whether `raw` may serve this type inline; anything unknown or able to run script is an attachment. */
export function inlineDisposition(contentType: string): "inline" | "attachment" {
  const essence = mimeEssence(contentType);
  // Belt and braces: the allow-list has no script type, but a future edit must not add one.
  if (essence.includes("script")) return "attachment";
  return INLINE_SAFE.has(essence) ? "inline" : "attachment";
}
