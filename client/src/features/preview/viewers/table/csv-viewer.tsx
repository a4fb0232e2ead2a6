// CSV and TSV: the first 256 KiB parsed as they arrive (RFC 4180, delimiter and header
// sniffed, column types inferred) into a table, with the row count known so far.
import { useMemo, useState } from "react";
import { useFileText } from "@/features/preview/data/use-file-text";
import { CsvParser } from "@/features/preview/logic/csv-parser";
import {
  type ColumnType,
  describeColumns,
  detectHeader,
  sniffDelimiter,
} from "@/features/preview/logic/csv-sniff";
import { CodeView } from "../text/code-view";
import { ProblemNotice } from "../text/text-viewer";
import { ReadStatus, ViewerError, ViewerLoading, ViewSwitch } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";
import { type Cell, DataTable } from "./data-table";

/** Rows kept for the table; more are counted but not held (a "Load more"-grown huge file). */
const KEEP_ROWS = 100_000;
const NUMERIC: ReadonlySet<ColumnType> = new Set(["integer", "decimal"]);
const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ",": "comma",
  "\t": "tab",
  ";": "semicolon",
  "|": "pipe",
};

const VIEWS = [
  { value: "table", label: "Table" },
  { value: "text", label: "Text" },
] as const;

export default function CsvViewer({ source, preview }: ViewerProps) {
  const file = useFileText(source, preview);
  const [view, setView] = useState<"table" | "text">("table");
  const table = useMemo(() => {
    if (file.text === "") return undefined;
    const delimiter = sniffDelimiter(file.text.slice(0, 64 * 1024), preview.kind === "tsv" ? "\t" : ",");
    const parser = new CsvParser({ delimiter, keepRows: KEEP_ROWS });
    parser.push(file.text);
    // A record cut by the end of the range is not counted until the next range completes it.
    if (file.complete) parser.end();
    const hasHeader = detectHeader(parser.rows);
    const columns = describeColumns(parser.rows.slice(0, 1000), parser.maxFields, hasHeader);
    const body = hasHeader ? parser.rows.slice(1) : parser.rows;
    // An empty field is a missing value; "NA" and "null" stay as written (they are typed as missing).
    const rows: Cell[][] = body.map((row) => row.map((v) => (v === "" ? null : v)));
    return { delimiter, hasHeader, columns, rows, count: parser.count - (hasHeader ? 1 : 0) };
  }, [file.text, file.complete, preview.kind]);
  if (file.error && file.text === "") return <ViewerError error={file.error} />;
  if (file.loading && file.text === "") return <ViewerLoading />;
  const estimate =
    table && !file.complete && file.bytesRead > 0
      ? Math.round((table.count / file.bytesRead) * source.size)
      : undefined;
  const detail = table
    ? `${table.count.toLocaleString()} row${table.count === 1 ? "" : "s"}${file.complete ? "" : " so far"}${
        estimate ? ` (about ${estimate.toLocaleString()} in all)` : ""
      } · ${table.columns.length} columns · ${DELIMITER_NAMES[table.delimiter] ?? table.delimiter}-separated${
        table.hasHeader ? "" : ", no header"
      }`
    : undefined;
  return (
    <div className="viewer viewer-table" data-testid="csv-viewer">
      <ViewSwitch options={VIEWS} value={view} onChange={setView} label="Table view" />
      {view === "table" && table ? (
        <DataTable
          columns={table.columns.map((c) => ({
            name: c.name,
            type: c.type,
            numeric: NUMERIC.has(c.type),
            title: `${c.name}: ${c.type}${c.nulls ? `, ${c.nulls.toLocaleString()} missing` : ""}`,
          }))}
          rows={table.rows}
          label={`First rows of ${source.name}`}
        />
      ) : (
        file.text !== "" && (
          <CodeView
            text={file.text}
            language={undefined}
            partial={!file.complete}
            label={`Text of ${source.name}`}
          />
        )
      )}
      {file.text === "" && file.complete && <p className="muted small">The file is empty.</p>}
      {file.problem && <ProblemNotice problem={file.problem} partial={file.text !== ""} />}
      <ReadStatus
        read={file.bytesRead}
        size={source.size}
        complete={file.complete}
        {...(detail ? { detail } : {})}
        loading={file.loading}
        onLoadMore={file.loadMore}
        moreLabel="Load more rows"
      />
    </div>
  );
}
