// Phones, tablets and desktops: names stay readable at every width, the volume list becomes a
// menu and the details a sheet on narrow screens, the details pane resizes on wide ones, and
// names keep their exact spaces.
import type { Page } from "@playwright/test";
import { DEMO_FILES } from "../local-workspace/seed/demo-files";
import { activeRowName, grid, row, rows } from "./support/browser";
import { FilesApi, uniqueName } from "./support/files-api";
import { expect, test } from "./support/workspace";

const SHOTS = "test-results/screenshots";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const heightFor = (width: number) => (width < 700 ? 844 : width < 1100 ? 1024 : 800);

/** For each rendered row: its width, its name cell's width, and whether the name is clipped. */
/**
 * Matches exactly this text, spaces and all. Used with `useInnerText`: innerText is the text as
 * rendered (after CSS white-space), so collapsed spaces would show; a plain string would be
 * whitespace-normalised by toHaveText and hide exactly that.
 */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

async function nameMetrics(page: Page) {
  return rows(page).evaluateAll((els) =>
    els.map((el) => {
      const cell = el.querySelector<HTMLElement>(".cell-name");
      const name = el.querySelector<HTMLElement>('[data-testid="entry-name"]');
      return {
        name: el.getAttribute("data-name"),
        rowWidth: el.getBoundingClientRect().width,
        cellWidth: cell?.getBoundingClientRect().width ?? 0,
        shownWidth: name?.getBoundingClientRect().width ?? 0,
        clipped: name ? name.scrollWidth > name.clientWidth + 1 : true,
        // innerText, not textContent: it shows whether the browser collapsed spaces.
        // biome-ignore lint/performance/useDomNodeTextContent: see above.
        text: name?.innerText ?? "",
      };
    }),
  );
}

for (const width of [390, 768, 1024, 1280]) {
  test(`at ${width}px wide every name in a listing is readable`, async ({ pageAs }) => {
    const page = await pageAs("bob");
    await page.setViewportSize({ width, height: heightFor(width) });
    for (const folder of ["shared", "shared/data"]) {
      await page.goto(`/browse/${folder}`);
      await expect(rows(page).first()).toBeVisible();
      const metrics = await nameMetrics(page);
      expect(metrics.length).toBeGreaterThan(3);
      for (const m of metrics) {
        // The name column has priority: at least half the row, and the whole name fits.
        expect(m.cellWidth, `${m.name} at ${width}px`).toBeGreaterThanOrEqual(m.rowWidth * 0.5);
        expect(m.shownWidth, `${m.name} at ${width}px`).toBeGreaterThan(20);
        expect(m.clipped, `${m.name} is cut off at ${width}px`).toBe(false);
        expect(m.text).toBe(m.name);
      }
    }
    // Nothing runs off the side of the screen (no sideways scrolling of the page).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // Size and date are still there (beside the name, or under it on a narrow listing).
    const sales = row(page, "sales.csv");
    await expect(sales.locator(".cell-size")).toBeVisible();
    await expect(sales.locator(".cell-size")).toContainText("KiB");
    await expect(sales.locator(".cell-modified")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/responsive-listing-${width}.png` });
  });
}

test("on a phone the two-line rows keep the keyboard grid and the virtualised list working", async ({
  pageAs,
}) => {
  const { path, count, first, last } = DEMO_FILES.manyFiles;
  const page = await pageAs("bob");
  await page.setViewportSize(PHONE);
  await page.goto(`/browse/shared/${path}`);
  await expect(row(page, first)).toBeVisible();
  await expect(grid(page)).toHaveClass(/is-compact/);
  // Two lines per row, and only what fits (plus overscan) is in the DOM.
  const height = (await row(page, first).boundingBox())?.height ?? 0;
  expect(height).toBeGreaterThan(44);
  expect(await rows(page).count()).toBeLessThan(60);

  await grid(page).focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => activeRowName(page)).toBe("file-00003.txt");
  for (let i = 0; i < 20 && !(await row(page, last).isVisible()); i++) {
    await page.keyboard.press("End");
    await page.waitForTimeout(150);
  }
  await expect(row(page, last)).toHaveAttribute("aria-rowindex", String(count + 1));
  // The active row is wholly inside the scrolled list, not under the sticky header or cut off.
  const list = await grid(page).boundingBox();
  const lastBox = await row(page, last).boundingBox();
  if (!list || !lastBox) throw new Error("no boxes");
  expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(list.y + list.height + 1);
  await page.keyboard.press("Home");
  await expect(row(page, first)).toBeVisible();
  const firstBox = await row(page, first).boundingBox();
  expect(firstBox?.y).toBeGreaterThanOrEqual(list.y + 32 - 1);
});

test("on a phone the volume list is a menu that opens and goes to another volume", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.setViewportSize(PHONE);
  await page.goto("/browse/shared");
  await expect(rows(page).first()).toBeVisible();
  // No sidebar: the listing has the whole width.
  await expect(page.getByRole("navigation", { name: "Volumes" })).toBeHidden();
  const grid = await page.getByRole("grid").boundingBox();
  expect(grid?.width).toBeGreaterThan(PHONE.width - 4);

  const menu = page.getByTestId("volume-menu");
  await expect(menu).toHaveText("shared");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const list = page.getByRole("navigation", { name: "Volumes" });
  await expect(list).toBeVisible();
  // Focus goes to the volume you are in; Escape closes and returns focus to the button.
  await expect(list.getByRole("link", { name: /^shared/ })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await page.screenshot({ path: `${SHOTS}/responsive-volume-menu-390.png` });
  await list.getByRole("link", { name: /^uploads/ }).click();
  await expect(page).toHaveURL(/\/browse\/uploads$/);
  await expect(list).toBeHidden();
  await expect(menu).toHaveText("uploads");
  await expect(page.getByRole("link", { name: "uploads", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("on a phone the details are a sheet that opens and closes", async ({ pageAs }) => {
  const page = await pageAs("bob");
  await page.setViewportSize(PHONE);
  await page.goto("/browse/shared/data");
  await expect(row(page, "sales.csv")).toBeVisible();
  // Closed until asked for: the listing is not covered.
  await expect(page.getByTestId("details-panel")).toHaveCount(0);

  await row(page, "sales.csv").dblclick();
  const sheet = page.getByTestId("details-sheet");
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole("heading", { name: "sales.csv" })).toBeVisible();
  // A sheet across the width of the phone, with the path wrapping at "/" inside it.
  const box = await sheet.boundingBox();
  expect(box?.width).toBeGreaterThan(PHONE.width - 2);
  const path = sheet.locator(".details-path").first();
  await expect(path).toContainText("/Volumes/main/demo/shared/data/sales.csv");
  expect(await path.locator("wbr").count()).toBe(6);
  expect(await path.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/responsive-details-sheet-390.png` });
  // Full screen from the sheet: Escape closes only the full-screen view.
  await sheet.getByRole("button", { name: "Full screen" }).click();
  await expect(page.getByTestId("preview-fullscreen")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("preview-fullscreen")).toBeHidden();
  await expect(sheet).toBeVisible();

  await sheet.getByRole("button", { name: "Close details" }).click();
  await expect(sheet).toBeHidden();
  await expect(row(page, "sales.csv")).toHaveAttribute("aria-selected", "true");

  // The toolbar's Details button opens it too; Escape closes it.
  await page.getByRole("button", { name: "Show details" }).click();
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole("heading", { name: "sales.csv" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  // From the keyboard: Enter on a file opens the sheet, Escape closes it, focus is back on the list.
  await page.getByRole("grid").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole("heading", { name: "sales.parquet" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(page.getByRole("grid")).toBeFocused();
});

test("on a wide screen the details pane resizes by mouse and keyboard, and keeps its width", async ({
  pageAs,
}) => {
  const page = await pageAs("bob");
  await page.setViewportSize(DESKTOP);
  await page.goto("/browse/shared/data");
  await expect(row(page, "sales.csv")).toBeVisible();
  const pane = page.getByTestId("details-pane");
  await expect(pane).toBeVisible();
  await expect(page.getByTestId("details-sheet")).toHaveCount(0);
  const widthOf = async () => Math.round((await pane.boundingBox())?.width ?? 0);
  const start = await widthOf();
  expect(start).toBeGreaterThanOrEqual(300);

  // Drag the handle on the pane's left edge 120px to the left: the pane widens by as much.
  const handle = page.getByRole("separator", { name: "Resize details" });
  const h = await handle.boundingBox();
  if (!h) throw new Error("no resize handle");
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + h.width / 2 - 60, h.y + h.height / 2, { steps: 4 });
  await page.mouse.move(h.x + h.width / 2 - 120, h.y + h.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(widthOf).toBeGreaterThanOrEqual(start + 118);
  expect(await widthOf()).toBeLessThanOrEqual(start + 122);
  const dragged = await widthOf();

  // The keyboard: ArrowRight narrows by 16px, Shift+ArrowLeft widens by 64px.
  await handle.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(widthOf).toBe(dragged - 32);
  await expect(handle).toHaveAttribute("aria-valuenow", String(dragged - 32));
  await page.keyboard.press("Shift+ArrowLeft");
  await expect.poll(widthOf).toBe(dragged + 32);

  // However wide, the listing keeps room for its names.
  await page.keyboard.press("End");
  const grid = await page.getByRole("grid").boundingBox();
  expect(grid?.width).toBeGreaterThanOrEqual(318);
  await page.keyboard.press("Shift+ArrowRight");
  const kept = await widthOf();
  await page.reload();
  await expect(pane).toBeVisible();
  await expect.poll(widthOf).toBe(kept);
  await page.screenshot({ path: `${SHOTS}/responsive-details-pane-1280.png` });
});

test("names keep their exact spaces in the listing, details, breadcrumbs and uploads; deep paths show their end", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  const dir = uniqueName("spaces");
  const folder = "two  spaces";
  const stored = " lead  and trail .txt";
  try {
    await api.mkdir("uploads", `${dir}/${folder}`);
    await api.upload("uploads", `${dir}/${folder}/${stored}`, "spaces");
    await page.goto(`/browse/uploads/${dir}/${encodeURIComponent(folder)}`);
    const listed = row(page, stored).getByTestId("entry-name");
    await expect(listed).toBeVisible();
    await expect(listed).toHaveText(exactly(stored), { useInnerText: true });
    const crumb = page.getByRole("navigation", { name: "Breadcrumbs" }).locator('[aria-current="page"]');
    await expect(crumb).toHaveText(exactly(folder), { useInnerText: true });

    await row(page, stored).click();
    const heading = page.getByTestId("details-panel").locator(".details-name");
    await expect(heading).toBeVisible();
    await expect(heading).toHaveText(exactly(stored), { useInnerText: true });

    // Uploaded through the app's own file picker: the name arrives and shows unchanged.
    const picked = "report  final  v2.csv";
    await page
      .getByTestId("file-input")
      .setInputFiles([{ name: picked, mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") }]);
    const manager = page.getByTestId("upload-manager");
    await expect(manager.locator('[data-status="done"]')).toHaveCount(1);
    await expect(page.getByTestId("upload-title")).toHaveText("1 file uploaded");
    const uploadName = manager.locator(".upload-name");
    await expect(uploadName).toHaveText(exactly(picked), { useInnerText: true });
    await expect(row(page, picked)).toBeVisible();
    await expect(row(page, picked).getByTestId("entry-name")).toHaveText(exactly(picked), {
      useInnerText: true,
    });
    expect(await api.read("uploads", `${dir}/${folder}/${picked}`)).toBe("a,b\n1,2\n");

    // A deep path on a phone: the breadcrumbs show where you are (their end), not just the root.
    const deep = `${dir}/${folder}/a folder with a rather long name/and one more below it`;
    await api.mkdir("uploads", deep);
    await page.setViewportSize(PHONE);
    await page.goto(`/browse/uploads/${deep.split("/").map(encodeURIComponent).join("/")}`);
    await expect(page.getByTestId("state-empty")).toBeVisible();
    const here = page.getByRole("navigation", { name: "Breadcrumbs" }).locator('[aria-current="page"]');
    await expect(here).toHaveText("and one more below it");
    const box = await here.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);

    // A name too long for a phone ends in an ellipsis, and the whole name is the row's tooltip.
    const long = "a-rather-long-file-name-that-goes-on-and-on-for-a-while-v2.parquet";
    await api.upload("uploads", `${deep}/${long}`, "x");
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(row(page, long)).toBeVisible();
    await expect(row(page, long).locator(".cell-name")).toHaveAttribute("title", long);
    const longName = row(page, long).getByTestId("entry-name");
    await expect(longName).toHaveText(exactly(long), { useInnerText: true });
    const nameBox = await longName.boundingBox();
    expect(nameBox && nameBox.x + nameBox.width <= PHONE.width).toBe(true);
    expect(await longName.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  } finally {
    await api.cleanUp("uploads", dir);
  }
});

test("the app shows its logo and serves its favicon", async ({ pageAs }) => {
  const page = await pageAs("bob");
  await page.goto("/");
  await expect(page.locator(".brand svg.brand-mark")).toBeVisible();
  const icons = await page
    .locator('head link[rel="icon"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute("href")));
  expect(icons).toEqual(["/favicon.ico", "/favicon.svg"]);
  const svg = await page.request.get("/favicon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("<svg");
  const ico = await page.request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  // An icon directory (00 00 01 00), not the SPA's index.html.
  expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  const touch = await page.request.get("/apple-touch-icon.png");
  expect(touch.headers()["content-type"]).toBe("image/png");
});
