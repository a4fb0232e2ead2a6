// A Jupyter notebook (nbformat 4.5) with every output kind the preview renders: stream text,
// an execute_result, a display_data PNG and an error with ANSI colour codes in its traceback.
import { DEMO_FILES, SHARED_VOLUME } from "./demo-files.js";
import { demoPng } from "./png.js";

/** nbformat stores multi-line text as a list of lines, each keeping its trailing newline. */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function code(id: string, count: number, source: string, outputs: unknown[]): Record<string, unknown> {
  return { cell_type: "code", id, execution_count: count, metadata: {}, source: lines(source), outputs };
}

function markdown(id: string, source: string): Record<string, unknown> {
  return { cell_type: "markdown", id, metadata: {}, source: lines(source) };
}

/** The team's analysis notebook; `withOnerror` adds the `<img onerror>` the safety checks use. */
export function salesNotebook(options: { withOnerror?: boolean } = {}): string {
  const { streamText, executeResultText, displayPng } = DEMO_FILES.notebook;
  const png = demoPng(displayPng.width, displayPng.height).toString("base64");
  const cells = [
    markdown(
      "intro",
      "# Q1 sales analysis\n\nRevenue by region from `data/sales.csv`." +
        (options.withOnerror ? '\n\n<img src="x" onerror="alert(\'notebook markdown onerror ran\')">' : ""),
    ),
    code(
      "load",
      1,
      `import pandas as pd\n\ndf = pd.read_csv("${SHARED_VOLUME.path}/data/sales.csv")\nprint(f"Loaded {len(df)} rows from data/sales.csv")`,
      [{ output_type: "stream", name: "stdout", text: lines(streamText) }],
    ),
    code("count", 2, "len(df)", [
      {
        output_type: "execute_result",
        execution_count: 2,
        metadata: {},
        data: { "text/plain": [executeResultText] },
      },
    ]),
    code("plot", 3, 'df.groupby("region")["revenue"].sum().plot.bar()', [
      {
        output_type: "display_data",
        metadata: { "image/png": { width: displayPng.width, height: displayPng.height } },
        data: {
          "image/png": png,
          "text/plain": [`<Figure size ${displayPng.width}x${displayPng.height} with 1 Axes>`],
        },
      },
    ]),
    code("oops", 4, 'df["margin"].mean()', [
      {
        output_type: "error",
        ename: "KeyError",
        evalue: "'margin'",
        traceback: ["\u001b[0;31mKeyError\u001b[0m: 'margin'"],
      },
    ]),
  ];
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "python3", display_name: "Python 3", language: "python" },
      language_info: { name: "python", version: "3.11.6", file_extension: ".py", mimetype: "text/x-python" },
    },
    cells,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
