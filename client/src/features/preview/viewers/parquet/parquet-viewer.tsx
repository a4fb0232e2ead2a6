// Parquet: the first rows, the schema and the row groups with their statistics, read from the
// footer and the first pages only (see parquet-source.ts).

import { formatSize } from "@shared/sizes";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { queryKeys } from "@/api/query-keys";
import { DataTable } from "../table/data-table";
import { Notice, ViewerError, ViewerLoading, ViewSwitch } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";
import { formatCount, formatValue, isNumericColumn, typeLabel } from "./parquet-format";
import {
  firstRowsCost,
  ROWS_READ_BUDGET,
  rangeBuffer,
  readMetadata,
  readRows,
  topLevelColumns,
} from "./parquet-source";
import { RowGroupsView, SchemaView } from "./parquet-structure";

const PAGE_ROWS = 100;

const VIEWS = [
  { value: "rows", label: "Rows" },
  { value: "schema", label: "Schema" },
  { value: "groups", label: "Row groups" },
] as const;

export default function ParquetViewer({ source }: ViewerProps) {
  const client = useQueryClient();
  const file = useMemo(() => rangeBuffer(source, client), [source, client]);
  const [view, setView] = useState<"rows" | "schema" | "groups">("rows");
  const [rowEnd, setRowEnd] = useState(PAGE_ROWS);
  const [costAccepted, setCostAccepted] = useState(false);
  const meta = useQuery({
    queryKey: queryKeys.parquetMetadata(source),
    queryFn: () => readMetadata(file),
    enabled: source.canRaw,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const metadata = meta.data;
  const rowsCost = metadata ? firstRowsCost(metadata) : 0;
  const rowsAllowed = rowsCost <= ROWS_READ_BUDGET || costAccepted;
  const rows = useQuery({
    queryKey: queryKeys.parquetRows(source, rowEnd),
    queryFn: () => readRows(file, metadata as NonNullable<typeof metadata>, 0, rowEnd),
    enabled: metadata !== undefined && rowsAllowed,
    staleTime: Number.POSITIVE_INFINITY,
    // Keep the rows on screen while the next page loads.
    placeholderData: (previous) => previous,
  });
  const columns = useMemo(() => (metadata ? topLevelColumns(metadata) : []), [metadata]);
  const cells = useMemo(
    () => rows.data?.map((row) => columns.map((c) => formatValue(row[c.name], c.element))) ?? [],
    [rows.data, columns],
  );
  if (!source.canRaw) return <Notice>Reading this file's contents is not allowed here.</Notice>;
  if (meta.error) return <ViewerError error={meta.error} />;
  if (!metadata) return <ViewerLoading label="Reading the Parquet footer…" />;
  const totalRows = Number(metadata.num_rows);
  const codecs = [...new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)))];
  return (
    <div className="viewer viewer-parquet" data-testid="parquet-viewer">
      <p className="parquet-summary" data-testid="parquet-summary">
        {formatCount(metadata.num_rows)} rows · {columns.length} columns · {metadata.row_groups.length} row
        group
        {metadata.row_groups.length === 1 ? "" : "s"} · {codecs.filter(Boolean).join(", ")} ·{" "}
        {formatSize(source.size)}
      </p>
      <ViewSwitch options={VIEWS} value={view} onChange={setView} label="Parquet view" />
      {view === "rows" && !rowsAllowed && (
        <Notice testId="parquet-rows-cost">
          Its first row group has no page index, so showing its first rows means reading{" "}
          {formatSize(rowsCost)} of the file. The schema and row groups are shown without it.{" "}
          <button type="button" className="btn btn-small" onClick={() => setCostAccepted(true)}>
            Read the first rows
          </button>
        </Notice>
      )}
      {view === "rows" &&
        rowsAllowed &&
        (rows.error ? (
          <ViewerError error={rows.error} />
        ) : !rows.data ? (
          <ViewerLoading label="Reading the first rows…" />
        ) : (
          <>
            <DataTable
              columns={columns.map((c) => ({
                name: c.name,
                type: typeLabel(c.element).split(" · ").at(-1) ?? "",
                numeric: isNumericColumn(c.element),
                title: `${c.name}: ${typeLabel(c.element)}`,
              }))}
              rows={cells}
              label={`First rows of ${source.name}`}
            />
            <div className="read-status" data-testid="read-status">
              <span>
                Rows 1–{cells.length.toLocaleString()} of {totalRows.toLocaleString()}
              </span>
              {cells.length < totalRows && (
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="load-more"
                  disabled={rows.isFetching}
                  onClick={() => setRowEnd(rowEnd + PAGE_ROWS * 4)}
                >
                  Load more rows
                </button>
              )}
            </div>
          </>
        ))}
      {view === "schema" && <SchemaView metadata={metadata} />}
      {view === "groups" && <RowGroupsView metadata={metadata} />}
    </div>
  );
}
