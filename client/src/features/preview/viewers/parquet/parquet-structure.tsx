// The schema (nested columns indented, with their types) and the row groups with per-column
// statistics, straight from the footer: no column data is read for these.

import { formatSize } from "@shared/sizes";
import type { FileMetaData, SchemaTree, Statistics } from "hyparquet";
import { parquetSchema } from "hyparquet";
import { formatCount, formatValue, typeLabel } from "./parquet-format";

function flatten(tree: SchemaTree, depth: number, out: { tree: SchemaTree; depth: number }[]) {
  for (const child of tree.children) {
    out.push({ tree: child, depth });
    flatten(child, depth + 1, out);
  }
  return out;
}

export function SchemaView({ metadata }: { metadata: FileMetaData }) {
  const fields = flatten(parquetSchema(metadata), 0, []);
  return (
    <div className="viewer-scroll">
      <table className="meta-table" data-testid="parquet-schema">
        <thead>
          <tr>
            <th>Column</th>
            <th>Type</th>
            <th>Repetition</th>
          </tr>
        </thead>
        <tbody>
          {fields.map(({ tree, depth }) => (
            <tr key={tree.path.join(".")}>
              <td style={{ paddingLeft: 8 + depth * 14 }}>
                <code>{tree.element.name}</code>
              </td>
              <td>{typeLabel(tree.element)}</td>
              <td className="muted">{(tree.element.repetition_type ?? "").toLowerCase()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {metadata.created_by && <p className="muted small">Written by {metadata.created_by}</p>}
      {metadata.key_value_metadata && metadata.key_value_metadata.length > 0 && (
        <dl className="details-list kv-metadata">
          {metadata.key_value_metadata.map((kv) => (
            <div key={kv.key} className="kv-row">
              <dt title={kv.key}>{kv.key}</dt>
              <dd title={kv.value && kv.value.length > 200 ? "Shortened" : undefined}>
                {kv.value && kv.value.length > 200 ? `${kv.value.slice(0, 200)}…` : (kv.value ?? "")}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function stat(
  stats: Statistics | undefined,
  which: "min" | "max",
  element: Parameters<typeof formatValue>[1],
) {
  const value = which === "min" ? (stats?.min_value ?? stats?.min) : (stats?.max_value ?? stats?.max);
  return formatValue(value, element) ?? "—";
}

export function RowGroupsView({ metadata }: { metadata: FileMetaData }) {
  const elements = new Map(
    flatten(parquetSchema(metadata), 0, []).map(({ tree }) => [tree.path.join("."), tree.element]),
  );
  return (
    <div className="viewer-scroll" data-testid="parquet-row-groups">
      {metadata.row_groups.map((group, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: row groups are positional.
        <details key={index} className="row-group" open={index === 0}>
          <summary>
            Row group {index + 1}: {formatCount(group.num_rows)} rows,{" "}
            {formatSize(Number(group.total_compressed_size ?? group.total_byte_size))}
          </summary>
          <table className="meta-table">
            <thead>
              <tr>
                <th>Column</th>
                <th>Min</th>
                <th>Max</th>
                <th>Nulls</th>
                <th>Size</th>
                <th>Codec</th>
              </tr>
            </thead>
            <tbody>
              {group.columns.map((column) => {
                const meta = column.meta_data;
                if (!meta) return null;
                const path = meta.path_in_schema.join(".");
                const element = elements.get(path);
                return (
                  <tr key={path}>
                    <td>
                      <code>{path}</code>
                    </td>
                    <td>{stat(meta.statistics, "min", element)}</td>
                    <td>{stat(meta.statistics, "max", element)}</td>
                    <td className="numeric">
                      {meta.statistics?.null_count !== undefined
                        ? formatCount(meta.statistics.null_count)
                        : "—"}
                    </td>
                    <td className="numeric">{formatSize(Number(meta.total_compressed_size))}</td>
                    <td className="muted">{meta.codec}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
      ))}
    </div>
  );
}
