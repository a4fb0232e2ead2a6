import { describe, expect, it } from "vitest";
import { ansiSegments, parseNotebook, pickRepresentation, readOutput } from "./notebook";

// The shape of the seeded demo notebook (nbformat 4.5), with every output kind it holds.
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
function salesNotebook(): string {
  const code = (count: number, source: string[], outputs: unknown[]) => ({
    cell_type: "code",
    execution_count: count,
    metadata: {},
    source,
    outputs,
  });
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "python3", language: "python" }, language_info: { name: "python" } },
    cells: [
      { cell_type: "markdown", metadata: {}, source: ["# Q1\n", '<img src="x" onerror="alert(1)">'] },
      code(
        1,
        ['print("Loaded")'],
        [{ output_type: "stream", name: "stdout", text: ["Loaded 500 rows from ", "data/sales.csv\n"] }],
      ),
      code(
        2,
        ["len(df)"],
        [
          {
            output_type: "execute_result",
            execution_count: 2,
            metadata: {},
            data: { "text/plain": ["500"] },
          },
        ],
      ),
      code(
        3,
        ["plot()"],
        [
          {
            output_type: "display_data",
            metadata: { "image/png": { width: 120, height: 80 } },
            data: { "image/png": PNG, "text/plain": ["<Figure size 120x80 with 1 Axes>"] },
          },
        ],
      ),
      code(
        4,
        ['df["margin"]'],
        [
          {
            output_type: "error",
            ename: "KeyError",
            evalue: "'margin'",
            traceback: ["\u001b[0;31mKeyError\u001b[0m: 'margin'"],
          },
        ],
      ),
    ],
  });
}

describe("parseNotebook", () => {
  it("reads a notebook's cells and picks one representation per output", () => {
    const nb = parseNotebook(salesNotebook());
    expect(nb.language).toBe("python");
    expect(nb.cells.map((c) => c.kind)).toEqual(["markdown", "code", "code", "code", "code"]);
    expect(nb.cells[1]?.executionCount).toBe(1);
    expect(nb.cells[1]?.outputs).toEqual([
      { type: "stream", name: "stdout", text: "Loaded 500 rows from data/sales.csv\n" },
    ]);
    expect(nb.cells[2]?.outputs).toEqual([{ type: "text", text: "500" }]);
    const image = nb.cells[3]?.outputs[0];
    expect(image).toMatchObject({ type: "image", mime: "image/png", width: 120, height: 80 });
    expect(image?.type === "image" && image.src.startsWith("data:image/png;base64,iVBOR")).toBe(true);
    expect(nb.cells[4]?.outputs[0]).toMatchObject({ type: "error", ename: "KeyError", evalue: "'margin'" });
  });

  it("reads nbformat 3 worksheets", () => {
    const v3 = {
      nbformat: 3,
      worksheets: [
        {
          cells: [
            {
              cell_type: "code",
              input: ["1+1"],
              prompt_number: 1,
              outputs: [{ output_type: "pyout", text: ["2"] }],
            },
          ],
        },
      ],
    };
    const nb = parseNotebook(JSON.stringify(v3));
    expect(nb.cells[0]).toEqual({
      kind: "code",
      source: "1+1",
      executionCount: 1,
      outputs: [{ type: "text", text: "2" }],
    });
  });

  it("refuses what is not a notebook", () => {
    expect(() => parseNotebook("[]")).toThrow(/not a notebook/);
    expect(() => parseNotebook('{"a":1}')).toThrow(/no cells/);
  });
});

describe("pickRepresentation", () => {
  it("prefers images, then markdown, then HTML, then JSON, then plain text", () => {
    expect(pickRepresentation({ "text/plain": "x", "image/jpeg": "AAAA" }, {})).toMatchObject({
      type: "image",
      src: "data:image/jpeg;base64,AAAA",
    });
    expect(pickRepresentation({ "text/plain": "x", "text/html": "<table></table>" }, {})).toEqual({
      type: "html",
      html: "<table></table>",
    });
    expect(pickRepresentation({ "text/plain": "x", "application/json": { a: 1 } }, {})).toEqual({
      type: "json",
      value: { a: 1 },
    });
  });

  it("shows the text form instead of HTML that needs its script", () => {
    expect(
      pickRepresentation(
        { "text/html": '<div id="p"></div><script>Plotly.newPlot()</script>', "text/plain": "Figure" },
        {},
      ),
    ).toEqual({ type: "text", text: "Figure" });
  });

  it("serves SVG as a data: URL for an <img>, never as markup", () => {
    const out = pickRepresentation({ "image/svg+xml": '<svg onload="x()"/>' }, {});
    expect(out.type === "image" && out.src.startsWith("data:image/svg+xml;charset=utf-8,%3Csvg")).toBe(true);
  });

  it("names outputs it cannot show", () => {
    expect(
      readOutput({ output_type: "display_data", data: { "application/vnd.jupyter.widget-view+json": {} } }),
    ).toEqual({
      type: "unsupported",
      mimes: ["application/vnd.jupyter.widget-view+json"],
    });
  });
});

describe("ansiSegments", () => {
  it("turns SGR colour codes into styled runs and drops other escapes", () => {
    expect(ansiSegments("\u001b[0;31mKeyError\u001b[0m: 'margin'\u001b[2K")).toEqual([
      { text: "KeyError", color: 1 },
      { text: ": 'margin'" },
    ]);
    expect(ansiSegments("\u001b[1;92mok")).toEqual([{ text: "ok", color: 2, bold: true }]);
  });
});
