import { readFile } from "node:fs/promises";
import { grid, row, rows } from "./support/browser";
import { FilesApi, uniqueName } from "./support/files-api";
import { expect, test, workspaceInfo } from "./support/workspace";
import { zipEntryNames } from "./support/zip-entries";

// Every test works in its own folder of `uploads` (alice has READ and WRITE VOLUME there) and
// removes it afterwards.
let dir = "";
test.beforeEach(() => {
  dir = uniqueName("actions");
});
test.afterEach(async ({ requestAs }) => {
  await new FilesApi(await requestAs("alice")).remove("uploads", dir);
});

test("new folder: created, selected and announced; an existing name is refused", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  await api.mkdir("uploads", dir);
  await page.goto(`/browse/uploads/${dir}`);
  await expect(page.getByTestId("state-empty")).toBeVisible();

  await page.getByTestId("new-folder").click();
  const dialog = page.getByTestId("new-folder-dialog");
  await dialog.getByRole("textbox", { name: "Name" }).fill("Q3 reports #1");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, "Q3 reports #1")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("status").filter({ hasText: "Created folder Q3 reports #1" })).toBeVisible();
  expect(await api.exists("uploads", `${dir}/Q3 reports #1`)).toBe(true);

  await page.getByTestId("new-folder").click();
  await dialog.getByRole("textbox", { name: "Name" }).fill("Q3 reports #1");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("“Q3 reports #1” already exists here.");
  await dialog.getByRole("textbox", { name: "Name" }).fill("a/b");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByRole("alert")).toContainText("/");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(rows(page)).toHaveCount(1);
});

test("rename a file and move it into a folder", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/draft.txt`, "first draft");
  await api.mkdir("uploads", `${dir}/final`);
  await page.goto(`/browse/uploads/${dir}`);

  await row(page, "draft.txt").click();
  await page.getByTestId("rename").click();
  const dialog = page.getByTestId("move-dialog");
  const input = dialog.getByTestId("move-name");
  await expect(input).toHaveValue("draft.txt");
  // The details pane previews the renamed file (after a short debounce); let it load before the
  // next move, as a person would. Moving a file within that debounce would leave its preview
  // request to 404 (a known, harmless race noted for a later fix).
  const previewed = page.waitForResponse((r) => r.url().includes("/preview?") && r.url().includes("report"));
  await input.fill("report v1.txt");
  await input.press("Enter");
  await expect(row(page, "report v1.txt")).toHaveAttribute("aria-selected", "true");
  expect((await previewed).status()).toBe(200);
  await expect(row(page, "draft.txt")).toHaveCount(0);

  // F2 on the active row opens the same dialog; choosing a folder in the picker moves it there.
  await grid(page).focus();
  await page.keyboard.press("F2");
  await dialog.getByRole("treeitem", { name: dir }).press("ArrowRight");
  await dialog.getByRole("treeitem", { name: "final" }).click();
  await dialog.getByTestId("move-submit").click();
  await expect(row(page, "report v1.txt")).toHaveCount(0);
  expect(await api.read("uploads", `${dir}/final/report v1.txt`)).toBe("first draft");
});

test("delete asks for confirmation with the count and removes folders recursively", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/a.txt`, "a");
  await api.upload("uploads", `${dir}/b.csv`, "b");
  await api.upload("uploads", `${dir}/nested/deeper/c.txt`, "c");
  await page.goto(`/browse/uploads/${dir}`);
  await expect(rows(page)).toHaveCount(3);

  await grid(page).focus();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  const dialog = page.getByTestId("delete-dialog");
  await expect(dialog.getByRole("heading")).toHaveText("Delete 3 items?");
  await expect(dialog).toContainText("2 files and 1 folder");
  await expect(dialog).toContainText("Folders are deleted with everything inside them.");
  await page.screenshot({ path: "test-results/screenshots/delete-confirmation.png" });

  // Cancelling keeps everything.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(rows(page)).toHaveCount(3);

  await page.getByTestId("delete").click();
  await dialog.getByRole("button", { name: "Delete 3 items" }).click();
  await expect(page.getByTestId("state-empty")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Deleted 2 files and 1 folder" })).toBeVisible();
  expect(await api.exists("uploads", `${dir}/nested/deeper/c.txt`)).toBe(false);
  expect(await api.exists("uploads", `${dir}/a.txt`)).toBe(false);
});

test("a folder downloads as one zip with every file inside", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/bundle/one.txt`, "1");
  await api.upload("uploads", `${dir}/bundle/sub/two.csv`, "a,b\n1,2\n");
  await api.upload("uploads", `${dir}/bundle/日本 #1.txt`, "3");
  await page.goto(`/browse/uploads/${dir}`);

  await row(page, "bundle").click();
  await expect(page.getByTestId("download")).toHaveText("Download as zip");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
  expect(download.suggestedFilename()).toBe("bundle.zip");
  const file = await download.path();
  const names = zipEntryNames(await readFile(file));
  expect(names.filter((n) => !n.endsWith("/")).sort()).toEqual(
    ["bundle/one.txt", "bundle/sub/two.csv", "bundle/日本 #1.txt"].sort(),
  );
});

test("copy the path and ready-to-run snippets", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/sales 2024.csv`, "region,amount\nEMEA,1\n");
  await page.goto(`/browse/uploads/${dir}`);
  const absolute = `${workspaceInfo().volumes.uploads}/${dir}/sales 2024.csv`;

  await row(page, "sales 2024.csv").click();
  await page.getByTestId("copy-menu").click();
  await page.getByRole("menuitem", { name: /^Path/ }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(absolute);

  await page.getByTestId("copy-menu").click();
  await page.getByRole("menuitem", { name: /^SQL/ }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`SELECT * FROM read_files('${absolute}', format => 'csv', header => true)`);

  await page.getByTestId("copy-menu").click();
  await page.getByRole("menuitem", { name: /^Databricks CLI/ }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`databricks fs cp 'dbfs:${absolute}' .`);

  // Keyboard: the menu opens with ArrowDown and moves with arrows.
  await page.getByTestId("copy-menu").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("spark.read");
});
