// The README's configuration table is the admin's reference: it must list exactly the variables
// the app reads (CONFIG_VARIABLES), with the defaults and examples the code uses.
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, type ConfigVariable } from "../server/config/variables.js";
import { readProjectFile } from "./support/project.js";
import { CONFIG_TABLE_END, CONFIG_TABLE_START, parseConfigTable } from "./support/readme.js";

function expectedRow(v: ConfigVariable): string {
  const names = v.perVolumeName ? `\`${v.name}\`, \`${v.perVolumeName}\`` : `\`${v.name}\``;
  return `| ${names} | ${v.default === "" ? "—" : `\`${v.default}\``} | \`${v.example}\` | ${v.description} |`;
}

const rows = parseConfigTable(readProjectFile("README.md"));

describe("README configuration table", () => {
  it.each(CONFIG_VARIABLES.map((v) => [v.name, v] as const))(
    "documents %s with its default and example",
    (_, v) => {
      const row = rows.find((r) => r.names.includes(v.name));
      expect(row, `add this row to the README's table:\n${expectedRow(v)}`).toBeDefined();
      if (v.perVolumeName) expect(row?.names).toContain(v.perVolumeName);
      expect(row?.default).toBe(v.default);
      expect(row?.example).toBe(v.example);
    },
  );

  it("names nothing the app does not read", () => {
    const known = new Set(
      CONFIG_VARIABLES.flatMap((v) => (v.perVolumeName ? [v.name, v.perVolumeName] : [v.name])),
    );
    expect(rows.flatMap((r) => r.names).filter((name) => !known.has(name))).toEqual([]);
    expect(rows.length).toBe(CONFIG_VARIABLES.length);
  });

  it("parses the table format it checks", () => {
    const sample = `${CONFIG_TABLE_START}\n| variable | default | example | what |\n| --- | --- | --- | --- |\n| \`FILES_X\`, \`FILES_<KEY>_X\` | — | \`1\` | t |\n${CONFIG_TABLE_END}`;
    expect(parseConfigTable(sample)).toEqual([
      { names: ["FILES_X", "FILES_<KEY>_X"], default: "", example: "1" },
    ]);
  });
});
