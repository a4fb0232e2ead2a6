// A 30,000-entry folder: sort, filter and End act on every entry, not on what was scrolled into
// view, and while the folder is still being read the status bar says how far it has got. The
// folder is written straight into the emulator's volume directory (30,000 uploads through the
// app would take minutes); uploads runs on behalf of the user, so nothing is cached.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { activeRowName, grid, row, rows } from "./support/browser";
import { clearFaults, injectFault, uniqueName } from "./support/files-api";
import { expect, test, volumeDirOnDisk, workspaceInfo } from "./support/workspace";

const COUNT = 30_000;
const nameOf = (i: number) => `row-${String(i).padStart(5, "0")}.csv`;
let dir = "";

test.beforeAll(() => {
  dir = uniqueName("big");
  const onDisk = path.join(volumeDirOnDisk("uploads"), dir);
  mkdirSync(onDisk, { recursive: true });
  // Sizes vary (i % 97 bytes) so that sorting by size is not the name order.
  for (let i = 0; i < COUNT; i++) writeFileSync(path.join(onDisk, nameOf(i)), "x".repeat(i % 97));
});

test.afterAll(() => {
  rmSync(path.join(volumeDirOnDisk("uploads"), dir), { recursive: true, force: true });
});

test.afterEach(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  await clearFaults(request);
  await request.dispose();
});

test("sorted by name descending, the true last name comes first", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const started = Date.now();
  await page.goto(`/browse/uploads/${dir}?sort=name&order=desc`);
  await expect(rows(page).first()).toBeVisible();
  const firstRows = Date.now() - started;
  await expect(page.getByTestId("loaded-count")).toHaveText("30,000 items", { timeout: 20_000 });
  console.log(
    `30,000 entries: first rows after ${firstRows} ms, all read and sorted after ${Date.now() - started} ms`,
  );
  await expect(rows(page).first()).toHaveAttribute("data-name", nameOf(COUNT - 1));
  await expect(page.getByTestId("partial-note")).toHaveCount(0);
});

test("while the folder is read, the status bar says how far, and results are labelled partial", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  // Slow the Files API's pages for this folder, so the read is visibly in progress.
  await injectFault(page.request, {
    method: "GET",
    pathPrefix: `${workspaceInfo().volumes.uploads}/${dir}`,
    delayMs: 400,
    count: 12,
  });
  await page.goto(`/browse/uploads/${dir}?sort=name&order=desc`);
  await expect(page.getByTestId("loaded-count")).toHaveText(/^[\d,]+ entries read…$/);
  await expect(page.getByTestId("partial-note")).toHaveText("Sorted among the entries read so far");
  await page.getByTestId("filter").fill("row-29");
  await expect(page.getByTestId("match-count")).toHaveText(/of them match so far/);
  await page.screenshot({ path: "test-results/screenshots/whole-folder-reading.png" });
  // Once everything is in, the answer is the whole folder's.
  await expect(page.getByTestId("loaded-count")).toHaveText("30,000 items", { timeout: 20_000 });
  await expect(page.getByTestId("match-count")).toHaveText("1,000 shown by the filter");
  await expect(rows(page).first()).toHaveAttribute("data-name", nameOf(COUNT - 1));
  await expect(page.getByTestId("partial-note")).toHaveCount(0);
});

test("the filter finds an entry never scrolled into view", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.goto(`/browse/uploads/${dir}`);
  await expect(row(page, nameOf(0))).toBeVisible();
  await page.getByTestId("filter").fill("ROW-17345");
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, nameOf(17345))).toBeVisible();
  await expect(page.getByTestId("match-count")).toHaveText("1 shown by the filter");
});

test("End reaches the true last entry; sorting by size acts on every entry", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.goto(`/browse/uploads/${dir}`);
  await expect(page.getByTestId("loaded-count")).toHaveText("30,000 items", { timeout: 20_000 });
  await grid(page).focus();
  await page.keyboard.press("End");
  await expect.poll(() => activeRowName(page)).toBe(nameOf(COUNT - 1));
  await expect(row(page, nameOf(COUNT - 1))).toBeInViewport();
  await page.keyboard.press("Home");
  await expect.poll(() => activeRowName(page)).toBe(nameOf(0));

  // Largest first: 96 bytes, at i = 96, 193, …; ties by name.
  await page.getByRole("columnheader", { name: "Size" }).click();
  await expect(rows(page).first()).toHaveAttribute("data-name", nameOf(96));
  await grid(page).focus();
  await page.keyboard.press("End");
  // Smallest (empty) last, by name: the last i with i % 97 === 0 is 29,973.
  await expect.poll(() => activeRowName(page)).toBe(nameOf(29_973));
});

test("leaving a folder while it is read cancels the read", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await injectFault(page.request, {
    method: "GET",
    pathPrefix: `${workspaceInfo().volumes.uploads}/${dir}`,
    delayMs: 800,
    count: 30,
  });
  await page.goto(`/browse/uploads/${dir}`);
  await expect(page.getByTestId("loaded-count")).toHaveText(/entries read…$/);
  const cancelled = page.waitForEvent(
    "requestfailed",
    (req) => req.url().includes("/list-stream?") && req.url().includes(dir),
  );
  await page
    .getByRole("navigation", { name: /breadcrumb/i })
    .getByRole("link", { name: "uploads" })
    .click();
  expect((await cancelled).failure()?.errorText).toBe("net::ERR_ABORTED");
  await expect(page.getByTestId("file-grid")).toBeVisible();
});
