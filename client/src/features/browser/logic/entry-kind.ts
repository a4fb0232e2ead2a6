// Which icon and type label a listing row gets, from its name alone (listings carry no type).
import { contentTypeFor, mimeEssence } from "@shared/content-types";

export type EntryKind =
  | "folder"
  | "text"
  | "code"
  | "table"
  | "json"
  | "image"
  | "pdf"
  | "notebook"
  | "archive"
  | "audio"
  | "video"
  | "file";

const CODE = new Set(
  "py sql r scala java kt go rs c h cc cpp hpp cs rb php sh bash ts tsx js jsx mjs css yaml yml toml html htm xml".split(
    " ",
  ),
);
const TABLE = new Set(["csv", "tsv", "parquet", "avro", "orc", "xlsx", "xls"]);
const ARCHIVE = new Set(["zip", "gz", "tgz", "tar", "bz2", "zst", "7z", "xz"]);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export function entryKind(name: string, isDirectory: boolean): EntryKind {
  if (isDirectory) return "folder";
  const ext = extensionOf(name);
  if (ext === "ipynb") return "notebook";
  if (ext === "pdf") return "pdf";
  if (ext === "json" || ext === "jsonl" || ext === "ndjson" || ext === "geojson") return "json";
  if (TABLE.has(ext)) return "table";
  if (ARCHIVE.has(ext)) return "archive";
  if (CODE.has(ext)) return "code";
  const type = mimeEssence(contentTypeFor(name));
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("audio/")) return "audio";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("text/")) return "text";
  return "file";
}

/** A short type label for the details panel: "CSV file", "Folder", "File". */
export function typeLabel(name: string, isDirectory: boolean): string {
  if (isDirectory) return "Folder";
  const ext = extensionOf(name);
  return ext ? `${ext.toUpperCase()} file` : "File";
}
