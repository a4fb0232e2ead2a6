// The first rows of a table (CSV, TSV, Parquet): a sticky header with each column's type, row
// numbers, and virtualised rows so thousands of them cost a screenful of DOM.
import { useVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, type ReactNode, useMemo, useRef } from "react";

const ROW_HEIGHT = 24;
/** Two lines: the column name and its type (matches .data-table-head in preview.css). */
const HEADER_HEIGHT = 38;

export interface TableColumn {
  name: string;
  /** Shown under the name: "integer", "string", "DATE"… */
  type: string;
  /** Right-aligned (numbers). */
  numeric?: boolean;
  /** Longer description for the header's tooltip. */
  title?: string;
}

/** A cell's text, or null for a missing value (shown as a dimmed "null"). */
export type Cell = string | null;

interface DataTableProps {
  columns: readonly TableColumn[];
  rows: readonly (readonly Cell[])[];
  label: string;
}

function widthOf(column: TableColumn, index: number, rows: readonly (readonly Cell[])[]): number {
  let longest = Math.max(column.name.length, column.type.length);
  for (const row of rows.slice(0, 200)) longest = Math.max(longest, (row[index] ?? "null").length);
  return Math.min(Math.max(longest, 4), 40) + 2;
}

// Rows are absolutely positioned by the virtualiser, which table elements cannot be: these
// carry the table's roles instead. Nothing in the table is interactive.
function Row({
  index,
  style,
  className,
  children,
}: {
  index: number;
  style: CSSProperties;
  className: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: see above.
    // biome-ignore lint/a11y/useFocusableInteractive: see above.
    <div role="row" aria-rowindex={index} className={className} style={style}>
      {children}
    </div>
  );
}

function HeaderCell({
  className,
  title,
  children,
}: {
  className?: string | undefined;
  title?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: see Row.
    // biome-ignore lint/a11y/useFocusableInteractive: see Row.
    <span role="columnheader" className={className} title={title}>
      {children}
    </span>
  );
}

function DataCell({
  className,
  title,
  children,
}: {
  className: string;
  title?: string | undefined;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: see Row.
    <span role="cell" className={className} title={title}>
      {children}
    </span>
  );
}

export function DataTable({ columns, rows, label }: DataTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = useMemo(() => {
    const gutter = `${String(rows.length).length + 2}ch`;
    return [gutter, ...columns.map((c, i) => `${widthOf(c, i, rows)}ch`)].join(" ");
  }, [columns, rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    // The sticky header sits above the first row inside the scroll element.
    scrollMargin: HEADER_HEIGHT,
  });
  return (
    <div
      ref={scrollRef}
      className="data-table-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
      tabIndex={0}
      data-testid="data-table"
    >
      {/* biome-ignore lint/a11y/useSemanticElements: see Row. */}
      <div className="data-table" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
        <Row index={1} className="data-table-head" style={{ gridTemplateColumns: template }}>
          <HeaderCell className="data-table-rownum">#</HeaderCell>
          {columns.map((column, i) => (
            <HeaderCell
              // biome-ignore lint/suspicious/noArrayIndexKey: columns can share a name; their order is fixed.
              key={i}
              className={column.numeric ? "numeric" : undefined}
              title={column.title ?? `${column.name}: ${column.type}`}
            >
              <span className="data-table-name">{column.name}</span>
              <span className="data-table-type">{column.type}</span>
            </HeaderCell>
          ))}
        </Row>
        <div className="data-table-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] ?? [];
            return (
              <Row
                key={item.index}
                index={item.index + 2}
                className="data-table-row"
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
                }}
              >
                <DataCell className="data-table-rownum">{item.index + 1}</DataCell>
                {columns.map((column, i) => {
                  const cell = row[i] ?? null;
                  return (
                    <DataCell
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row are positional.
                      key={i}
                      className={`${column.numeric ? "numeric" : ""}${cell === null ? " null" : ""}`}
                      title={cell !== null && cell.length > 38 ? cell : undefined}
                    >
                      {cell ?? "null"}
                    </DataCell>
                  );
                })}
              </Row>
            );
          })}
        </div>
      </div>
    </div>
  );
}
