// What file-browser users reach for: a context menu (right-click, "⋯", the menu key) with every
// row action and its shortcut, checkboxes on a phone, a click on empty space clearing the
// selection, the whole column header sorting, a grid view with bounded thumbnails, Copy link.
import { randomBytes } from "node:crypto";
import { demoPng } from "../local-workspace/seed/png";
import { activeRowName, grid, row, rows } from "./support/browser";
import { FilesApi, uniqueName } from "./support/files-api";
import { expect, test } from "./support/workspace";

let dir = "";
test.beforeEach(() => {
  dir = uniqueName("rowactions");
});
test.afterEach(async ({ requestAs }) => {
  await new FilesApi(await requestAs("alice")).remove("uploads", dir);
});

async function folderWith(api: FilesApi, names: string[]): Promise<void> {
  for (const name of names) await api.upload("uploads", `${dir}/${name}`, `content of ${name}`);
}

test("the context menu renames and deletes; its shortcuts do the same from the keyboard", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  await page.setViewportSize({ width: 1280, height: 800 });
  const api = FilesApi.of(page);
  await folderWith(api, ["draft.md", "old.log", "keep.txt"]);
  await page.goto(`/browse/uploads/${dir}`);
  // No preview racing the rename (see file-actions.spec.ts): details closed.
  await page.getByRole("button", { name: "Hide details" }).click();

  await row(page, "draft.md").click({ button: "right" });
  const menu = page.getByRole("menu", { name: "Actions for draft.md" });
  await expect(menu).toBeVisible();
  await expect(row(page, "draft.md")).toHaveAttribute("aria-selected", "true");
  // Every row action is there, with its shortcut.
  await expect(menu.getByRole("menuitem")).toHaveText([
    /Preview\s*Enter/,
    /Details\s*Alt\+Enter/,
    /Download\s*Ctrl\+S/,
    /Copy link\s*Ctrl\+C/,
    /Copy path\s*Alt\+Shift\+C/,
    /Rename or move…\s*F2/,
    /Copy to…\s*Ctrl\+D/,
    /Delete\s*Delete/,
  ]);
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await page.screenshot({ path: "test-results/screenshots/row-menu.png" });
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Details" })).toBeFocused();
  await menu.getByRole("menuitem", { name: "Rename or move…" }).click();
  const dialog = page.getByTestId("move-dialog");
  await dialog.getByTestId("move-name").fill("final.md");
  await dialog.getByTestId("move-name").press("Enter");
  await expect(row(page, "final.md")).toHaveAttribute("aria-selected", "true");
  await expect(row(page, "draft.md")).toHaveCount(0);

  // The "⋯" button opens the same menu; Delete from it asks first.
  await row(page, "old.log").hover();
  await row(page, "old.log").getByTestId("row-more").click();
  await page
    .getByRole("menu", { name: "Actions for old.log" })
    .getByRole("menuitem", { name: "Delete" })
    .click();
  await page.getByTestId("delete-dialog").getByRole("button", { name: "Delete" }).click();
  await expect(row(page, "old.log")).toHaveCount(0);

  // Keyboard: Shift+F10 opens the menu on the active row, Escape closes it and focus returns.
  await row(page, "keep.txt").click();
  await page.keyboard.press("Shift+F10");
  await expect(page.getByRole("menu", { name: "Actions for keep.txt" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(grid(page)).toBeFocused();
  // F2 renames, Delete deletes: the shortcuts the menu shows.
  await page.keyboard.press("F2");
  await expect(dialog.getByTestId("move-name")).toHaveValue("keep.txt");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  // As a person would: the next key goes in once the dialog has gone and focus is back.
  await expect(dialog).toBeHidden();
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press("Delete");
  await page.getByTestId("delete-dialog").getByRole("button", { name: "Delete" }).click();
  await expect(rows(page)).toHaveCount(1);
  expect(await api.exists("uploads", `${dir}/final.md`)).toBe(true);
  expect(await api.exists("uploads", `${dir}/keep.txt`)).toBe(false);
});

test("Copy link puts the item's own URL on the clipboard, and opening it selects the item", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await folderWith(FilesApi.of(page), ["a.txt", "report #1.csv"]);
  await page.goto(`/browse/uploads/${dir}`);
  await row(page, "report #1.csv").click();
  await grid(page).focus();
  await page.keyboard.press("ControlOrMeta+c");
  await expect(page.getByRole("status").filter({ hasText: "Copied link" })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const origin = new URL(page.url()).origin;
  expect(link).toBe(`${origin}/browse/uploads/${dir}?file=report+%231.csv`);

  // The menu's Copy link copies the same kind of link for the row it was opened on.
  await row(page, "a.txt").click({ button: "right" });
  await page.getByRole("menuitem", { name: "Copy link" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `${origin}/browse/uploads/${dir}?file=a.txt`,
  );

  const other = await pageAs("alice");
  await other.goto(link);
  await expect(row(other, "report #1.csv")).toHaveAttribute("aria-selected", "true");
  await expect(other.getByTestId("details-panel").getByRole("heading")).toHaveText("report #1.csv");
});

test("on a phone, checkboxes select several rows; a tap on empty space clears", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.setViewportSize({ width: 390, height: 844 });
  await folderWith(FilesApi.of(page), ["one.txt", "two.txt", "three.txt"]);
  await page.goto(`/browse/uploads/${dir}`);
  await row(page, "one.txt").getByTestId("row-checkbox").click();
  await row(page, "three.txt").getByTestId("row-checkbox").click();
  await expect(page.getByTestId("selected-count")).toHaveText("2 selected");
  await expect(row(page, "one.txt")).toHaveAttribute("aria-selected", "true");
  await expect(row(page, "two.txt")).toHaveAttribute("aria-selected", "false");
  await expect(row(page, "three.txt")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/checkboxes-phone.png" });
  // Touch has no right button: the row's "⋯" opens its menu, for the whole selection.
  await row(page, "three.txt").getByTestId("row-more").click();
  const menu = page.getByRole("menu", { name: "Actions for 2 items" });
  await expect(menu.getByRole("menuitem", { name: "Delete 2" })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Copy link" })).toHaveAttribute("aria-disabled", "true");
  await page.screenshot({ path: "test-results/screenshots/row-menu-phone.png" });
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await row(page, "one.txt").getByTestId("row-checkbox").click();
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  await page.getByTestId("select-all-checkbox").click();
  await expect(page.getByTestId("selected-count")).toHaveText("3 selected");

  // Below the last row is empty space: a tap there clears the selection.
  const box = await grid(page).boundingBox();
  if (!box) throw new Error("no grid");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 20);
  await expect(page.getByTestId("selected-count")).toHaveCount(0);
});

test("on a tablet the rows have checkboxes too, and a checkbox adds to the selection", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.setViewportSize({ width: 768, height: 1024 });
  await folderWith(FilesApi.of(page), ["a.txt", "b.txt"]);
  await page.goto(`/browse/uploads/${dir}`);
  await row(page, "a.txt").click();
  await row(page, "b.txt").getByTestId("row-checkbox").click();
  await expect(page.getByTestId("selected-count")).toHaveText("2 selected");
});

test("on a desktop, no checkboxes; empty space clears; the whole header sorts", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.setViewportSize({ width: 1280, height: 800 });
  await folderWith(FilesApi.of(page), ["a.txt", "b.txt"]);
  await page.goto(`/browse/uploads/${dir}`);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId("row-checkbox")).toHaveCount(0);
  await row(page, "a.txt").click();
  await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
  const box = await grid(page).boundingBox();
  if (!box) throw new Error("no grid");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 20);
  await expect(page.getByTestId("selected-count")).toHaveCount(0);

  // Far from the label, near the header cell's right edge.
  const name = page.getByRole("columnheader", { name: "Name" });
  const cell = await name.boundingBox();
  if (!cell) throw new Error("no header");
  await page.mouse.click(cell.x + cell.width - 10, cell.y + cell.height / 2);
  await expect(name).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first()).toHaveAttribute("data-name", "b.txt");
});

test("the grid view shows a thumbnail for a small image, an icon for a large one, and is remembered", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  await page.setViewportSize({ width: 1280, height: 800 });
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/small.png`, demoPng(64, 48));
  // Over the 2 MiB cap: never fetched for a thumbnail (random bytes: it would not decode anyway).
  await api.upload("uploads", `${dir}/huge.png`, randomBytes(3 * 1024 * 1024));
  const rawRequests: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/raw?")) rawRequests.push(decodeURIComponent(req.url()));
  });
  await page.goto(`/browse/uploads/${dir}`);
  await page.getByRole("button", { name: "Hide details" }).click();
  await page.getByTestId("view-toggle").click();
  const small = page.locator(`[data-testid="file-tile"][data-name="small.png"]`);
  const huge = page.locator(`[data-testid="file-tile"][data-name="huge.png"]`);
  await expect(small.getByTestId("tile-thumb")).toBeVisible();
  await expect
    .poll(() => small.getByTestId("tile-thumb").evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBe(64);
  await expect(huge.getByTestId("tile-icon")).toBeVisible();
  await expect(huge.locator("img")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/grid-view.png" });
  expect(rawRequests.some((u) => u.includes("small.png"))).toBe(true);
  expect(rawRequests.some((u) => u.includes("huge.png"))).toBe(false);

  // Arrow keys move across tiles; the choice survives a reload.
  await small.click();
  await grid(page).focus();
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => activeRowName(page)).toBe("huge.png");
  await page.reload();
  await expect(page.getByTestId("file-tile")).toHaveCount(2);

  // On a phone the tiles carry checkboxes too (huge.png is selected: it is in the URL).
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(huge.getByTestId("row-checkbox")).toBeChecked();
  await small.getByTestId("row-checkbox").click();
  await expect(page.getByTestId("selected-count")).toHaveText("2 selected");
  await page.screenshot({ path: "test-results/screenshots/grid-view-phone.png" });
});
