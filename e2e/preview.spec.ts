// Each preview type renders the seeded demo files' known content, in the details panel and
// full screen; the keyboard moves the preview along the list and Escape closes full screen.
import type { Locator, Page } from "@playwright/test";
import { DEMO_FILES } from "../local-workspace/seed/demo-files";
import { grid, row } from "./support/browser";
import { FilesApi, uniqueName } from "./support/files-api";
import { expect, test } from "./support/workspace";

const SHOTS = "test-results/screenshots";

/** Opens a demo file of the shared volume and waits for its preview to know the file's kind. */
async function openPreview(page: Page, path: string, volume = "shared"): Promise<Locator> {
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "" : `/${path.slice(0, slash).split("/").map(encodeURIComponent).join("/")}`;
  const name = path.slice(slash + 1);
  await page.goto(`/browse/${volume}${dir}?file=${encodeURIComponent(name)}`);
  const pane = page.getByTestId("preview-pane");
  await expect(pane).toHaveAttribute("data-kind", /.+/);
  return page.getByTestId("preview-area");
}

async function fullScreen(page: Page): Promise<Locator> {
  await page.getByTestId("open-fullscreen").click();
  const dialog = page.getByTestId("preview-fullscreen");
  await expect(dialog).toBeVisible();
  return dialog;
}

test("CSV and TSV show a typed table of the first rows with the row count", async ({ pageAs }) => {
  const { csv, tsv } = DEMO_FILES;
  const page = await pageAs("alice");
  const area = await openPreview(page, csv.path);
  const table = area.getByRole("table");
  await expect(table.getByRole("columnheader").nth(1)).toContainText("order_id");
  await expect(table.getByRole("columnheader").nth(1)).toContainText("integer");
  await expect(table.getByRole("columnheader").nth(2)).toContainText("date");
  const first = table.getByRole("row").nth(1);
  await expect(first.getByRole("cell").nth(1)).toHaveText(String(csv.firstRow.order_id));
  await expect(first.getByRole("cell").nth(3)).toHaveText(csv.firstRegion);
  await expect(first.getByRole("cell").nth(5)).toHaveText(csv.firstRow.customer);
  await expect(area.getByTestId("read-status")).toContainText(`${csv.rows} rows`);
  await expect(area.getByTestId("read-status")).toContainText("comma-separated");
  await page.screenshot({ path: `${SHOTS}/preview-csv.png` });
  const dialog = await fullScreen(page);
  // RFC 4180 quoting: a quoted comma stays inside its cell.
  await expect(dialog.getByRole("cell", { name: csv.quotedValues[0], exact: true }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/preview-csv-full.png` });
  await page.keyboard.press("Escape");

  const tsvArea = await openPreview(page, tsv.path);
  await expect(tsvArea.getByRole("row").nth(1).getByRole("cell").nth(3)).toHaveText(tsv.firstRegion);
  await expect(tsvArea.getByTestId("read-status")).toContainText("tab-separated");
});

test("Parquet shows the first rows, the schema and row groups with statistics", async ({ pageAs }) => {
  const { parquet } = DEMO_FILES;
  const page = await pageAs("alice");
  const area = await openPreview(page, parquet.path);
  await expect(area.getByTestId("parquet-summary")).toContainText(
    `${parquet.rows.toLocaleString("en-US")} rows · ${parquet.columns.length} columns · ${parquet.rowGroups} row groups`,
  );
  const first = area.getByRole("table").getByRole("row").nth(1);
  await expect(first.getByRole("cell").nth(1)).toHaveText(String(parquet.firstRow.order_id));
  await expect(first.getByRole("cell").nth(2)).toHaveText(parquet.firstRow.order_date);
  await expect(first.getByRole("cell").nth(5)).toHaveText(parquet.firstRow.customer);
  await expect(area.getByTestId("read-status")).toContainText(
    `Rows 1–100 of ${parquet.rows.toLocaleString("en-US")}`,
  );
  const dialog = await fullScreen(page);
  await page.screenshot({ path: `${SHOTS}/preview-parquet.png` });
  await dialog.getByRole("button", { name: "Schema" }).click();
  await expect(dialog.getByTestId("parquet-schema").getByRole("row", { name: /order_date/ })).toContainText(
    "DATE",
  );
  await dialog.getByRole("button", { name: "Row groups" }).click();
  const groups = dialog.getByTestId("parquet-row-groups");
  await expect(groups.locator("details")).toHaveCount(parquet.rowGroups);
  // The first group's statistics: order ids start at the first sale.
  await expect(
    groups
      .locator("details")
      .first()
      .getByRole("row", { name: /order_id/ }),
  ).toContainText(String(parquet.firstRow.order_id));
  await page.screenshot({ path: `${SHOTS}/preview-parquet-row-groups.png` });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("Markdown renders its headings and tables, with links that open safely", async ({ pageAs }) => {
  const { readme } = DEMO_FILES;
  const page = await pageAs("alice");
  const area = await openPreview(page, readme.path);
  const body = area.getByTestId("markdown-body");
  await expect(body.getByRole("heading", { level: 1, name: readme.heading })).toBeVisible();
  await expect(body.getByRole("table")).toContainText("Ana Silva");
  const link = body.getByRole("link", { name: "Unity Catalog volumes documentation" });
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await page.screenshot({ path: `${SHOTS}/preview-markdown.png` });
  await area.getByRole("button", { name: "Source" }).click();
  await expect(area.getByTestId("code-view")).toContainText(`# ${readme.heading}`);
});

test("JSON is a collapsible tree; JSON Lines lists its first records", async ({ pageAs }) => {
  const { json, jsonl } = DEMO_FILES;
  const page = await pageAs("alice");
  const area = await openPreview(page, json.path);
  const tree = area.getByTestId("json-tree");
  await expect(tree.getByText('"region"')).toBeVisible();
  await expect(tree.getByText(`"${json.region}"`)).toBeVisible();
  // Collapsing the root hides its keys and shows a summary instead.
  const root = tree.getByRole("button").first();
  await expect(root).toHaveAttribute("aria-expanded", "true");
  await root.click();
  await expect(tree.locator(".json-key", { hasText: '"region"' })).toBeHidden();
  // The summary shows the values, not just the keys.
  await expect(root).toContainText(`"region": "${json.region}"`);
  await root.click();
  await page.screenshot({ path: `${SHOTS}/preview-json.png` });

  const lines = await openPreview(page, jsonl.path);
  await expect(lines.getByTestId("read-status")).toContainText(`${jsonl.records} records`);
  const firstRecord = lines.locator(".jsonl-record").first();
  // Folded, each record already shows its own values, not the same keys on every line.
  await expect(firstRecord).toContainText(`{"id": 1, "ts": "2024-04-01T08:00:00.000Z"`);
  await expect(firstRecord).toContainText(`"action": "${jsonl.firstEvent}"`);
  await expect(lines.locator(".jsonl-record").nth(1)).toContainText(
    `{"id": 2, "ts": "2024-04-01T08:00:37.000Z"`,
  );
  await firstRecord.getByRole("button").first().click();
  await expect(firstRecord.locator(".json-key", { hasText: '"action"' })).toBeVisible();
  await expect(firstRecord).toContainText(`"${jsonl.firstEvent}"`);
  await page.screenshot({ path: `${SHOTS}/preview-jsonl.png` });
});

test("a notebook shows its cells with text, image and error outputs", async ({ pageAs }) => {
  const { notebook } = DEMO_FILES;
  const page = await pageAs("alice");
  const area = await openPreview(page, notebook.path);
  const viewer = area.getByTestId("notebook-viewer");
  await expect(viewer.getByRole("heading", { name: "Q1 sales analysis" })).toBeVisible();
  await expect(viewer.getByTestId("notebook-output").nth(0)).toHaveText(notebook.streamText.trim());
  await expect(viewer.getByTestId("notebook-output").nth(1)).toHaveText(notebook.executeResultText);
  const image = viewer.getByTestId("notebook-image");
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([
    notebook.displayPng.width,
    notebook.displayPng.height,
  ]);
  await expect(viewer).toContainText(`${notebook.errorName}: 'margin'`);
  const dialog = await fullScreen(page);
  await page.screenshot({ path: `${SHOTS}/preview-notebook.png` });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("images show their natural size and zoom; PDF and audio play in the page", async ({ pageAs }) => {
  const { png, jpeg, pdf, audio } = DEMO_FILES;
  const page = await pageAs("alice");
  let area = await openPreview(page, png.path);
  await expect(area.getByTestId("image-natural-size")).toHaveText(`${png.width} × ${png.height} px`);
  await area.getByRole("button", { name: "100%" }).click();
  await expect(area.getByTestId("preview-image")).toHaveJSProperty("width", png.width);
  await area.getByRole("button", { name: "Zoom in" }).click();
  await expect(area.getByTestId("image-zoom")).toHaveText("150%");
  await expect(area.getByTestId("preview-image")).toHaveJSProperty("width", png.width * 1.5);
  await page.screenshot({ path: `${SHOTS}/preview-image.png` });

  area = await openPreview(page, jpeg.path);
  await expect(area.getByTestId("image-natural-size")).toHaveText(`${jpeg.width} × ${jpeg.height} px`);

  area = await openPreview(page, pdf.path);
  await expect(area.getByTestId("pdf-page-count")).toHaveText(`Page 1 of ${pdf.pages}`);
  await expect(area.getByTestId("pdf-page")).toHaveAttribute("data-rendered-page", "1");
  await page.screenshot({ path: `${SHOTS}/preview-pdf.png` });

  area = await openPreview(page, audio.path);
  const player = area.locator("audio");
  await expect
    .poll(() => player.evaluate((a: HTMLAudioElement) => Math.round(a.duration)))
    .toBe(audio.seconds);
  await page.screenshot({ path: `${SHOTS}/preview-audio.png` });
});

test("code is highlighted with line numbers; unknown binary falls back to Download", async ({ pageAs }) => {
  const { code, binary } = DEMO_FILES;
  const page = await pageAs("alice");
  const languages: Array<[string, string]> = [
    [code.python, "python"],
    [code.sql, "sql"],
    [code.typescript, "typescript"],
    [code.yaml, "yaml"],
    [code.shell, "bash"],
    [code.scala, "scala"],
    [code.r, "r"],
  ];
  for (const [path, language] of languages) {
    const area = await openPreview(page, path);
    const view = area.getByTestId("code-view");
    await expect(view).toHaveAttribute("data-language", language);
    await expect(view.locator(".hljs-keyword, .hljs-attr, .hljs-built_in").first()).toBeVisible();
    if (language === "python") {
      await expect(view.locator(".code-line").first()).toContainText("1");
      await page.screenshot({ path: `${SHOTS}/preview-code.png` });
    }
  }
  const area = await openPreview(page, binary.path);
  await expect(area.getByTestId("no-preview")).toContainText("binary data");
  await expect(page.getByTestId("download-file")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/preview-binary.png` });
});

test("text that is not UTF-8 gets a clear notice (and can be shown decoded)", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  const folder = uniqueName("encodings");
  await api.mkdir("uploads", folder);
  try {
    // "café crème\n" in Latin-1: not valid UTF-8, no NUL bytes.
    await api.upload("uploads", `${folder}/latin1.txt`, Buffer.from("café crème\nsecond line\n", "latin1"));
    const area = await openPreview(page, `${folder}/latin1.txt`, "uploads");
    await expect(area.getByTestId("encoding-notice")).toContainText("not UTF-8");
    await area.getByRole("button", { name: "Show it anyway" }).click();
    await expect(area.getByTestId("code-view")).toContainText("café crème");
    await page.screenshot({ path: `${SHOTS}/preview-encoding.png` });
  } finally {
    await api.cleanUp("uploads", folder);
  }
});

test("arrow keys in the list move the preview; Escape closes full screen", async ({ pageAs }) => {
  const page = await pageAs("bob");
  await page.goto("/browse/shared/data");
  await row(page, "events.jsonl").click();
  const pane = page.getByTestId("preview-pane");
  await expect(pane).toHaveAttribute("data-kind", "jsonl");
  await grid(page).press("ArrowDown");
  await expect(pane).toHaveAttribute("data-kind", "csv");
  await expect(page.getByTestId("details-panel").getByRole("heading", { name: "sales.csv" })).toBeVisible();
  await expect(page.getByTestId("csv-viewer")).toBeVisible();
  await grid(page).press("ArrowDown");
  await expect(pane).toHaveAttribute("data-kind", "parquet");
  await expect(page.getByTestId("parquet-viewer")).toBeVisible();
  await grid(page).press("ArrowUp");
  await expect(pane).toHaveAttribute("data-kind", "csv");

  const dialog = await fullScreen(page);
  await expect(dialog.getByTestId("csv-viewer")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("csv-viewer")).toBeVisible();
});
