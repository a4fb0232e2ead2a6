// Ready-to-run snippets for an absolute `/Volumes/...` path: what people paste into a notebook,
// a SQL editor or a terminal. Quoting is done per language so names with quotes, spaces or `$`
// still work when pasted.

export interface Snippet {
  id: "path" | "dbfs" | "spark" | "sql" | "cli";
  label: string;
  text: string;
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** A Python string literal (JSON's escapes are valid Python). */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** A Databricks SQL string literal: backslash-escaped, single-quoted. */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** A POSIX shell word: bare when safe, otherwise single-quoted. */
export function shellWord(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function sparkRead(path: string, isDirectory: boolean): string {
  const p = pythonString(path);
  if (isDirectory) return `df = spark.read.format("binaryFile").load(${p})`;
  switch (extensionOf(path)) {
    case "csv":
      return `df = spark.read.option("header", "true").option("inferSchema", "true").csv(${p})`;
    case "tsv":
      return `df = spark.read.option("header", "true").option("sep", "\\t").csv(${p})`;
    case "parquet":
      return `df = spark.read.parquet(${p})`;
    case "json":
    case "jsonl":
    case "ndjson":
      return `df = spark.read.json(${p})`;
    case "avro":
    case "orc":
    case "xml":
      return `df = spark.read.format("${extensionOf(path)}").load(${p})`;
    case "txt":
    case "log":
    case "md":
      return `df = spark.read.text(${p})`;
    default:
      return `df = spark.read.format("binaryFile").load(${p})`;
  }
}

function readFilesOptions(path: string, isDirectory: boolean): string {
  if (isDirectory) return "";
  switch (extensionOf(path)) {
    case "csv":
      return ", format => 'csv', header => true";
    case "tsv":
      return ", format => 'csv', sep => '\\t', header => true";
    case "parquet":
    case "avro":
    case "orc":
    case "xml":
      return `, format => '${extensionOf(path)}'`;
    case "json":
    case "jsonl":
    case "ndjson":
      return ", format => 'json'";
    case "txt":
    case "log":
    case "md":
      return ", format => 'text'";
    default:
      return ", format => 'binaryFile'";
  }
}

export function snippetsFor(path: string, isDirectory: boolean): Snippet[] {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dbfs = `dbfs:${path}`;
  return [
    { id: "path", label: "Path", text: path },
    { id: "dbfs", label: "dbfs: URI", text: dbfs },
    { id: "spark", label: "PySpark (spark.read)", text: sparkRead(path, isDirectory) },
    {
      id: "sql",
      label: "SQL (read_files)",
      text: `SELECT * FROM read_files(${sqlString(path)}${readFilesOptions(path, isDirectory)})`,
    },
    {
      id: "cli",
      label: "Databricks CLI (fs cp)",
      text: isDirectory
        ? `databricks fs cp -r ${shellWord(dbfs)} ${shellWord(`./${name}`)}`
        : `databricks fs cp ${shellWord(dbfs)} .`,
    },
  ];
}
