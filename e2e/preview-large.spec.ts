// Previews of big files read a bounded number of bytes: a 300+ MB Parquet file (footer and the
// first pages only), a large log (the first 256 KiB, then one more range per "Load more") and a
// large CSV. The bytes are counted where they leave the (emulated) Files API. The files are
// written straight into the e2e workspace's volume on disk and removed afterwards, each in a
// folder of its own: the app caches listings it reads as the service principal, and a folder
// it has never listed has nothing stale to show.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { generateLargeText } from "../local-workspace/seed/large-text";
import { generateLargeParquet } from "../local-workspace/seed/parquet";
import { E2E_WORKSPACE_DIR, expect, test, workspaceInfo } from "./support/workspace";

const MB = 1024 * 1024;
const SHOTS = "test-results/screenshots";
const folder = `e2e-large-preview-${randomBytes(4).toString("hex")}`;
const onDisk = path.join(E2E_WORKSPACE_DIR, "volumes", "main", "demo", "shared", folder);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await mkdir(onDisk, { recursive: true });
});

test.afterAll(async () => {
  await rm(onDisk, { recursive: true, force: true });
});

async function resetStats() {
  const res = await fetch(`${workspaceInfo().emulatorUrl}/__emulator/stats`, { method: "DELETE" });
  expect(res.ok).toBe(true);
}

/** A new folder on disk for one test's file; returns the file's path on disk. */
async function fileOnDisk(name: string): Promise<string> {
  const dir = path.join(onDisk, name.replace(/\W/g, "-"));
  await mkdir(dir, { recursive: true });
  return path.join(dir, name);
}

const relPath = (name: string) => `${folder}/${name.replace(/\W/g, "-")}/${name}`;

/** Bytes of this file the Files API served since the last reset. */
async function bytesServed(name: string): Promise<number> {
  const prefix = `${workspaceInfo().volumes.shared}/${relPath(name)}`;
  const res = await fetch(
    `${workspaceInfo().emulatorUrl}/__emulator/stats?${new URLSearchParams({ pathPrefix: prefix })}`,
  );
  return ((await res.json()) as { bytesServed: number }).bytesServed;
}

async function open(page: Page, name: string) {
  const dir = relPath(name).split("/").slice(0, -1).join("/");
  await page.goto(`/browse/shared/${dir}?file=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("preview-pane")).toHaveAttribute("data-kind", /.+/);
}

test("a 300 MB Parquet file previews its first rows from a few MB of byte ranges", async ({ pageAs }) => {
  test.setTimeout(240_000);
  const name = "orders-large.parquet";
  const file = await fileOnDisk(name);
  const generated = await generateLargeParquet(file, 300 * MB);
  const page = await pageAs("alice");
  await resetStats();
  const started = Date.now();
  await open(page, name);
  const area = page.getByTestId("preview-area");
  const first = area.getByRole("table").getByRole("row").nth(1);
  await expect(first.getByRole("cell").nth(1)).toHaveText("100001");
  const elapsed = Date.now() - started;
  await expect(area.getByTestId("parquet-summary")).toContainText(
    `${generated.rows.toLocaleString("en-US")} rows`,
  );
  await expect(area.getByTestId("parquet-summary")).toContainText(`${generated.rowGroups} row groups`);
  const served = await bytesServed(name);
  console.log(
    `large parquet: ${(generated.bytes / MB).toFixed(0)} MB file, first rows after ${elapsed} ms, ` +
      `${served.toLocaleString()} bytes served (${((served / generated.bytes) * 100).toFixed(2)}% of the file)`,
  );
  expect(served).toBeGreaterThan(0);
  expect(served).toBeLessThan(4 * MB);
  await page.getByTestId("open-fullscreen").click();
  await page.screenshot({ path: `${SHOTS}/preview-parquet-large.png` });
  await page.keyboard.press("Escape");
  // Switching to the schema and row groups reads nothing more: they come from the footer.
  await area.getByRole("button", { name: "Row groups" }).click();
  await expect(area.getByTestId("parquet-row-groups").locator("details")).toHaveCount(generated.rowGroups);
  expect(await bytesServed(name)).toBe(served);
  await rm(file, { force: true });
});

test("a large text file shows its first 256 KiB, and one more range per Load more", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const name = "app-large.log";
  const file = await fileOnDisk(name);
  const size = await generateLargeText(file, 200 * MB);
  const page = await pageAs("alice");
  await resetStats();
  await open(page, name);
  const area = page.getByTestId("preview-area");
  await expect(area.getByTestId("code-view")).toContainText("#1 2024-01-01");
  await expect(area.getByTestId("read-status")).toContainText("First 256 KiB of 200");
  const first = await bytesServed(name);
  await area.getByTestId("load-more").click();
  await expect(area.getByTestId("read-status")).toContainText("First 512 KiB of 200");
  const second = await bytesServed(name);
  console.log(
    `large text: ${(size / MB).toFixed(0)} MB file, ${first.toLocaleString()} bytes served for the preview, ` +
      `${(second - first).toLocaleString()} more for one Load more`,
  );
  // The server's 64 KiB first look plus one 256 KiB range; then exactly one more range.
  expect(first).toBeLessThanOrEqual(64 * 1024 + 256 * 1024);
  expect(second - first).toBe(256 * 1024);
  // The lines continue across the range boundary: the last line numbers are consecutive.
  const view = area.getByTestId("code-view");
  await view.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const numbers = await view
    .locator(".code-line .code-text")
    .evaluateAll((lines) =>
      lines.map((l) => Number(/^#(\d+) /.exec(l.textContent ?? "")?.[1])).filter((n) => n > 0),
    );
  expect(numbers.length).toBeGreaterThan(5);
  for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe((numbers[i - 1] as number) + 1);
  await page.screenshot({ path: `${SHOTS}/preview-text-large.png` });
  await rm(file, { force: true });
});

test("a large CSV previews a table from its first range, with the row count so far", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const name = "orders-large.csv";
  const file = await fileOnDisk(name);
  const out = createWriteStream(file);
  out.write("id,day,region,amount\n");
  const regions = ["EMEA", "AMER", "APAC", "LATAM"];
  for (let i = 1; i <= 1_000_000; i++) {
    const line = `${i},2024-01-${String((i % 28) + 1).padStart(2, "0")},${regions[i % 4]},${(i % 997) * 1.5}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  const page = await pageAs("alice");
  await resetStats();
  await open(page, name);
  const area = page.getByTestId("preview-area");
  const first = area.getByRole("table").getByRole("row").nth(1);
  await expect(first.getByRole("cell").nth(3)).toHaveText("AMER");
  await expect(area.getByTestId("read-status")).toContainText("rows so far");
  const served = await bytesServed(name);
  console.log(`large CSV: ${served.toLocaleString()} bytes served for the preview`);
  expect(served).toBeLessThanOrEqual(64 * 1024 + 256 * 1024);
  await rm(file, { force: true });
});

/**
 * A PDF of `pages` pages, each a page dictionary next to a big content stream, so the page
 * dictionaries are spread through the whole file (with a correct cross-reference table).
 */
function spreadOutPdf(pages: number, streamBytes: number): Buffer {
  const objects = new Map<number, string>();
  objects.set(1, "<< /Type /Catalog /Pages 2 0 R >>");
  objects.set(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const kids: string[] = [];
  for (let p = 0; p < pages; p++) {
    const id = 4 + p * 2;
    const lines = [`BT /F1 24 Tf 72 720 Td (Page ${p + 1} of the big report) Tj ET`];
    for (let i = 0, length = 0; length < streamBytes; i++) {
      const filler = `% filler line ${i} of page ${p + 1}`;
      lines.push(filler);
      length += filler.length + 1;
    }
    const content = lines.join("\n");
    objects.set(
      id,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`,
    );
    objects.set(id + 1, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(`${id} 0 R`);
  }
  objects.set(2, `<< /Type /Pages /Count ${pages} /Kids [${kids.join(" ")}] >>`);
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  const count = 4 + pages * 2;
  for (let id = 1; id < count; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects.get(id)}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${count}\n0000000000 65535 f \n`;
  for (let id = 1; id < count; id++) out += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

test("a large PDF renders its first page from byte ranges, within the preview's budget", async ({
  pageAs,
}) => {
  const name = "report-large.pdf";
  const file = await fileOnDisk(name);
  const pdf = spreadOutPdf(60, 200 * 1024);
  await writeFile(file, pdf);
  const page = await pageAs("alice");
  await resetStats();
  await open(page, name);
  const area = page.getByTestId("preview-area");
  await expect(area.getByTestId("pdf-page-count")).toHaveText("Page 1 of 60");
  await expect(area.getByTestId("pdf-page")).toHaveAttribute("data-rendered-page", "1");
  const first = await bytesServed(name);
  await area.getByRole("button", { name: "Next page" }).click();
  await expect(area.getByTestId("pdf-page-count")).toHaveText("Page 2 of 60");
  await expect(area.getByTestId("pdf-page")).toHaveAttribute("data-rendered-page", "2");
  const second = await bytesServed(name);
  console.log(
    `large PDF: ${(pdf.length / MB).toFixed(1)} MB file, ${first.toLocaleString()} bytes served for page 1, ` +
      `${(second - first).toLocaleString()} more for page 2`,
  );
  // pdf.js reads the 60 page dictionaries (one 64 KiB range each here), not the 12 MB of content.
  expect(first).toBeLessThan(pdf.length / 2);
  expect(second - first).toBeLessThanOrEqual(256 * 1024);
  await page.screenshot({ path: `${SHOTS}/preview-pdf-large.png` });
  await rm(file, { force: true });
});
