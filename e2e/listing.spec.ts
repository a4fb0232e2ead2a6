import { DEMO_FILES } from "../local-workspace/seed/demo-files";
import { grid, row, rowNames, rows } from "./support/browser";
import { clearFaults, FilesApi, injectFault, uniqueName } from "./support/files-api";
import { expect, test, workspaceInfo } from "./support/workspace";

test("sorting keeps folders first, and the filter narrows as you type", async ({ pageAs }) => {
  const page = await pageAs("bob");
  await page.goto("/browse/shared/data");
  await expect(row(page, "sales.csv")).toBeVisible();
  await expect
    .poll(() => rowNames(page))
    .toEqual(["events.jsonl", "sales.csv", "sales.parquet", "sales.tsv", "targets.json"]);
  await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "ascending");

  await page.getByRole("columnheader", { name: "Size" }).getByRole("button").click();
  await expect(page).toHaveURL(/sort=size&order=desc/);
  await expect(page.getByRole("columnheader", { name: "Size" })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "none");
  await expect
    .poll(() => rowNames(page))
    .toEqual(["sales.parquet", "sales.csv", "sales.tsv", "events.jsonl", "targets.json"]);
  await page.getByRole("columnheader", { name: "Size" }).getByRole("button").click();
  await expect
    .poll(() => rowNames(page))
    .toEqual(["targets.json", "events.jsonl", "sales.tsv", "sales.csv", "sales.parquet"]);

  // The sort is part of the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Size" })).toHaveAttribute("aria-sort", "ascending");
  await expect
    .poll(() => rowNames(page))
    .toEqual(["targets.json", "events.jsonl", "sales.tsv", "sales.csv", "sales.parquet"]);

  const filter = page.getByTestId("filter");
  await filter.fill("SALES");
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId("match-count")).toHaveText("3 shown by the filter");
  await filter.pressSequentially(".t");
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, "sales.tsv")).toBeVisible();
  await filter.fill("zzz");
  await expect(page.getByTestId("state-no-results")).toContainText("Nothing matches “zzz”");
  await page.getByRole("button", { name: "Clear filter" }).first().click();
  await expect(rows(page)).toHaveCount(5);

  await page.goto("/browse/shared?sort=size&order=desc");
  await expect
    .poll(async () => (await rowNames(page)).slice(0, 10))
    .toEqual([
      "archive",
      "audio",
      "code",
      "data",
      "images",
      "many-files",
      "misc",
      "notebooks",
      "reports",
      "safety-checks",
    ]);
  await page.screenshot({ path: "test-results/screenshots/listing.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await row(page, "README.md").click();
  await page.screenshot({ path: "test-results/screenshots/listing-dark.png" });
});

test("the 5,000-entry folder shows rows at once and scrolls to its last entry", async ({ pageAs }) => {
  const { path, count, first, last } = DEMO_FILES.manyFiles;
  const page = await pageAs("bob");
  await page.goto("/browse/shared");
  await expect(row(page, "many-files")).toBeVisible();
  const started = Date.now();
  await row(page, path).dblclick();
  await expect(row(page, first)).toBeVisible();
  const firstRowsMs = Date.now() - started;
  console.log(`first rows of ${count} entries visible after ${firstRowsMs} ms`);
  expect(firstRowsMs).toBeLessThan(2500);
  // Virtualised: only what fits (plus overscan) is in the DOM.
  expect(await rows(page).count()).toBeLessThan(80);

  await grid(page).focus();
  for (let i = 0; i < 20 && !(await row(page, last).isVisible()); i++) {
    await page.keyboard.press("End");
    await page.waitForTimeout(150);
  }
  await expect(row(page, last)).toBeVisible();
  await expect(row(page, last)).toHaveAttribute("aria-rowindex", String(count + 1));
  await expect(page.getByTestId("loaded-count")).toHaveText(`${count.toLocaleString("en-US")} items`);
  await expect(grid(page)).toHaveAttribute("aria-rowcount", String(count + 1));
  expect(await rows(page).count()).toBeLessThan(80);

  // The mouse wheel reaches the end too, after Home.
  await page.keyboard.press("Home");
  await expect(row(page, first)).toBeVisible();
  await grid(page).hover();
  await page.mouse.wheel(0, 32 * count);
  await expect(row(page, last)).toBeVisible();
});

test("a listing that keeps failing shows the error with Retry, and Retry recovers", async ({ pageAs }) => {
  // The app answers 502 when the Files API keeps failing (after its own bounded retries).
  const page = await pageAs("alice", { expectHttpErrors: [502] });
  const api = FilesApi.of(page);
  const dir = uniqueName("flaky");
  try {
    await api.upload("uploads", `${dir}/kept.txt`, "still here");
    await injectFault(page.request, {
      method: "GET",
      pathPrefix: `${workspaceInfo().volumes.uploads}/${dir}`,
      status: 503,
      count: 100,
    });
    await page.goto(`/browse/uploads/${dir}`);
    const failed = page.getByTestId("state-error");
    await expect(failed).toContainText("Something went wrong", { timeout: 20_000 });
    await expect(failed).toContainText("HTTP 503");
    await clearFaults(page.request);
    await failed.getByRole("button", { name: "Retry" }).click();
    await expect(row(page, "kept.txt")).toBeVisible();
  } finally {
    await clearFaults(page.request);
    await api.cleanUp("uploads", dir);
  }
});
