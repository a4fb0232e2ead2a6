// The configuration table in README.md, between two markers, read back as rows.
export const CONFIG_TABLE_START = "<!-- config-table:start -->";
export const CONFIG_TABLE_END = "<!-- config-table:end -->";

export interface ConfigTableRow {
  names: string[];
  default: string;
  example: string;
}

/** The rows between the markers: `| \`NAME\`, \`NAME2\` | \`default\` or — | \`example\` | text |`. */
export function parseConfigTable(readme: string): ConfigTableRow[] {
  const start = readme.indexOf(CONFIG_TABLE_START);
  const end = readme.indexOf(CONFIG_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no ${CONFIG_TABLE_START} … ${CONFIG_TABLE_END} block`);
  const lines = readme
    .slice(start + CONFIG_TABLE_START.length, end)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("|"));
  return lines.slice(2).map((line) => {
    const cells = line
      .slice(1, -1)
      .split(" | ")
      .map((cell) => cell.trim());
    const code = (cell: string | undefined) =>
      /^`(.*)`$/.exec(cell ?? "")?.[1] ?? (cell === "—" ? "" : `?${cell}`);
    return {
      names: [...(cells[0] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""),
      default: code(cells[1]),
      example: code(cells[2]),
    };
  });
}
