// Extra extension → MIME mappings (`.avro=application/avro,.ndjson=application/x-ndjson`).
// Mappings to types a browser would execute are refused: the raw route serves files inline, and a
// user who can upload `x.foo` mapped to text/html could plant stored XSS on the app's origin.

const EXTENSION = /^\.[a-z0-9][a-z0-9_+-]*(\.[a-z0-9][a-z0-9_+-]*)*$/;
const TOKEN = "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}";
const MIME = new RegExp(
  `^(${TOKEN})/(${TOKEN})((\\s*;\\s*[a-z0-9!#$&^_.+-]+=("[^"]*"|[a-z0-9!#$&^_.+-]+))*)$`,
  "i",
);

const SCRIPT_CAPABLE = new Set([
  "text/html",
  "application/xhtml+xml",
  "image/svg+xml",
  "text/javascript",
  "application/javascript",
  "application/x-javascript",
  "text/x-javascript",
  "application/ecmascript",
  "text/ecmascript",
  "text/jscript",
  "text/livescript",
  "application/xml",
  "text/xml",
  "text/xsl",
  "application/xslt+xml",
  "multipart/x-mixed-replace",
  "application/x-shockwave-flash",
]);

/** True for types a browser may run script in when opened inline (HTML, SVG, XML, JS …). */
export function isScriptCapableMimeType(mime: string): boolean {
  const base = (mime.split(";")[0] ?? "").trim().toLowerCase();
  return SCRIPT_CAPABLE.has(base) || base.endsWith("+xml");
}

export type ContentTypesParseResult =
  | { ok: true; types: Record<string, string> }
  | { ok: false; reasons: string[] };

export function parseContentTypes(input: string): ContentTypesParseResult {
  const types: Record<string, string> = {};
  const reasons: string[] = [];
  const entries = input
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== "");
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq === -1) {
      reasons.push(`"${entry}" is not of the form .ext=type/subtype`);
      continue;
    }
    const extension = entry.slice(0, eq).trim().toLowerCase();
    const mime = entry.slice(eq + 1).trim();
    const match = MIME.exec(mime);
    if (!EXTENSION.test(extension)) {
      const fixed = `.${extension.replace(/^\.*/, "")}`;
      reasons.push(
        EXTENSION.test(fixed)
          ? `extension "${extension}" must start with a dot (write "${fixed}")`
          : `"${extension}" is not a file extension such as .avro or .tar.gz`,
      );
    } else if (!match) {
      reasons.push(`"${mime}" (for ${extension}) is not a MIME type such as application/avro`);
    } else if (isScriptCapableMimeType(mime)) {
      reasons.push(
        `${extension}=${mime} is refused: browsers can run script in ${mime}, so serving it inline would allow ` +
          "stored XSS; map the extension to text/plain or application/octet-stream instead",
      );
    } else if (extension in types) {
      reasons.push(`${extension} is mapped twice`);
    } else {
      const [, type = "", subtype = "", params = ""] = match;
      types[extension] = `${type.toLowerCase()}/${subtype.toLowerCase()}${params.replace(/\s*;\s*/g, "; ")}`;
    }
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, types };
}
