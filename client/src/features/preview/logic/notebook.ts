// A Jupyter notebook (nbformat 4, and the cells of nbformat 3) as the preview shows it: cells
// with their source, and for each output the one representation worth showing. Nothing here
// runs: script outputs (widgets, JavaScript) are named, never shown.

export type NotebookOutput =
  | { type: "image"; mime: string; src: string; width?: number; height?: number }
  | { type: "stream"; name: string; text: string }
  | { type: "text"; text: string }
  | { type: "markdown"; markdown: string }
  | { type: "html"; html: string }
  | { type: "json"; value: unknown }
  | { type: "error"; ename: string; evalue: string; traceback: string }
  | { type: "unsupported"; mimes: string[] };

export interface NotebookCell {
  kind: "code" | "markdown" | "raw";
  source: string;
  executionCount?: number;
  outputs: NotebookOutput[];
}

export interface Notebook {
  language: string;
  cells: NotebookCell[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** nbformat stores multi-line text as a string or as a list of lines (each with its newline). */
export function joinText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === "string").join("");
  return "";
}

// Raster images first (what a person looks at), then the richest safe text form.
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"];

function imageOutput(mime: string, data: unknown, metadata: unknown): NotebookOutput {
  const raw = joinText(data);
  // SVG is stored as markup, rasters as base64; an <img> shows both and never runs SVG script.
  const src =
    mime === "image/svg+xml"
      ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(raw)}`
      : `data:${mime};base64,${raw.replace(/\s+/g, "")}`;
  const size = isObject(metadata) && isObject(metadata[mime]) ? (metadata[mime] as Json) : {};
  return {
    type: "image",
    mime,
    src,
    ...(typeof size.width === "number" ? { width: size.width } : {}),
    ...(typeof size.height === "number" ? { height: size.height } : {}),
  };
}

/** The representation shown for a display_data / execute_result bundle. */
export function pickRepresentation(data: Json, metadata: unknown): NotebookOutput {
  for (const mime of IMAGE_TYPES) if (mime in data) return imageOutput(mime, data[mime], metadata);
  if ("text/markdown" in data) return { type: "markdown", markdown: joinText(data["text/markdown"]) };
  const html = "text/html" in data ? joinText(data["text/html"]) : undefined;
  const plain = "text/plain" in data ? joinText(data["text/plain"]) : undefined;
  // HTML that needs its script (plotly, bokeh, widgets) is useless inert: prefer the text form.
  if (html !== undefined && !(plain !== undefined && /<script/i.test(html))) return { type: "html", html };
  if ("application/json" in data) return { type: "json", value: data["application/json"] };
  if (plain !== undefined) return { type: "text", text: plain };
  if (html !== undefined) return { type: "html", html };
  return { type: "unsupported", mimes: Object.keys(data) };
}

const V3_NAMES: Readonly<Record<string, string>> = {
  png: "image/png",
  jpeg: "image/jpeg",
  svg: "image/svg+xml",
  html: "text/html",
  markdown: "text/markdown",
  json: "application/json",
  text: "text/plain",
};

function fromV3(output: Json): Json {
  const data: Json = {};
  for (const [name, mime] of Object.entries(V3_NAMES)) if (name in output) data[mime] = output[name];
  return data;
}

export function readOutput(output: unknown): NotebookOutput {
  if (!isObject(output)) return { type: "unsupported", mimes: [] };
  switch (output.output_type) {
    case "stream":
      return {
        type: "stream",
        name: String(output.name ?? output.stream ?? "stdout"),
        text: joinText(output.text),
      };
    case "error":
    case "pyerr": // nbformat 3
      return {
        type: "error",
        ename: String(output.ename ?? "Error"),
        evalue: String(output.evalue ?? ""),
        traceback: Array.isArray(output.traceback) ? output.traceback.map(String).join("\n") : "",
      };
    case "display_data":
    case "execute_result":
    case "pyout": // nbformat 3 keeps the data inline, under short names
      return pickRepresentation(isObject(output.data) ? output.data : fromV3(output), output.metadata);
    default:
      return { type: "unsupported", mimes: [] };
  }
}

function readCell(cell: unknown): NotebookCell | undefined {
  if (!isObject(cell)) return undefined;
  const kind = cell.cell_type === "code" || cell.cell_type === "markdown" ? cell.cell_type : "raw";
  const source = joinText(cell.source ?? cell.input);
  const count = cell.execution_count ?? cell.prompt_number;
  return {
    kind,
    source,
    ...(typeof count === "number" ? { executionCount: count } : {}),
    outputs: Array.isArray(cell.outputs) ? cell.outputs.map(readOutput) : [],
  };
}

/** Reads a notebook's JSON text; throws when it is not a notebook. */
export function parseNotebook(text: string): Notebook {
  const doc: unknown = JSON.parse(text);
  if (!isObject(doc)) throw new Error("not a notebook: the file is not a JSON object");
  const rawCells = Array.isArray(doc.cells)
    ? doc.cells
    : Array.isArray(doc.worksheets) && isObject(doc.worksheets[0]) && Array.isArray(doc.worksheets[0].cells)
      ? doc.worksheets[0].cells
      : undefined;
  if (!rawCells) throw new Error("not a notebook: it has no cells");
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const info = isObject(meta.language_info) ? meta.language_info : {};
  const kernel = isObject(meta.kernelspec) ? meta.kernelspec : {};
  const language = String(info.name ?? kernel.language ?? "python").toLowerCase();
  return { language, cells: rawCells.map(readCell).filter((c): c is NotebookCell => c !== undefined) };
}

export interface AnsiSegment {
  text: string;
  /** One of the 8 basic colours (0–7), bright ones folded in. */
  color?: number;
  bold?: boolean;
}

/** Splits terminal text (tracebacks) into styled runs; unknown escape codes are dropped. */
export function ansiSegments(text: string): AnsiSegment[] {
  const segments: AnsiSegment[] = [];
  let color: number | undefined;
  let bold = false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
  const pattern = /\u001b\[([0-9;]*)([A-Za-z])/g;
  let last = 0;
  const push = (piece: string) => {
    if (piece === "") return;
    segments.push({ text: piece, ...(color !== undefined ? { color } : {}), ...(bold ? { bold } : {}) });
  };
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    push(text.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] !== "m") continue;
    for (const code of (match[1] || "0").split(";").map(Number)) {
      if (code === 0) {
        color = undefined;
        bold = false;
      } else if (code === 1) bold = true;
      else if (code === 22) bold = false;
      else if (code === 39) color = undefined;
      else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) color = code % 10;
    }
  }
  push(text.slice(last));
  return segments;
}
