// Search into subfolders: from the volume root, a file four levels down is found with its folder
// shown, and opening the hit goes to that folder with the file selected; a folder the policy
// hides (global-setup.ts gives uploads one) is never searched. A folder's details count its
// entries and bytes on request.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { row } from "./support/browser";
import { clearFaults, injectFault, uniqueName } from "./support/files-api";
import { expect, POLICY_HIDDEN_FOLDER, test, volumeDirOnDisk, workspaceInfo } from "./support/workspace";

let top = "";
let needle = "";
const hiddenDir = () => path.join(volumeDirOnDisk("uploads"), POLICY_HIDDEN_FOLDER, top);

test.beforeAll(() => {
  top = uniqueName("tree");
  needle = `needle-${top.slice(-8)}`;
  const uploads = volumeDirOnDisk("uploads");
  const deep = path.join(uploads, top, "a", "b c", "d");
  mkdirSync(deep, { recursive: true });
  writeFileSync(path.join(deep, `${needle}.txt`), "found me");
  writeFileSync(path.join(uploads, top, "a", "other.txt"), "not me");
  writeFileSync(path.join(uploads, top, "a", "b c", "sized.bin"), Buffer.alloc(2048));
  // The same name inside the folder nobody may list: it must not come back.
  mkdirSync(hiddenDir(), { recursive: true });
  writeFileSync(path.join(hiddenDir(), `${needle}-secret.txt`), "hidden");
});

test.afterAll(() => {
  rmSync(path.join(volumeDirOnDisk("uploads"), top), { recursive: true, force: true });
  rmSync(path.join(volumeDirOnDisk("uploads"), POLICY_HIDDEN_FOLDER), { recursive: true, force: true });
});

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`on a ${viewport.name}, a search from the volume root finds a file four levels down and opens it in place`, async ({
    pageAs,
  }) => {
    const page = await pageAs("alice");
    await page.setViewportSize(viewport);
    await page.goto("/browse/uploads");
    await page.getByTestId("search-scope").click();
    await expect(page.getByTestId("search-scope")).toHaveAttribute("aria-pressed", "true");
    await page.getByTestId("filter").fill(needle);

    const status = page.getByTestId("search-status");
    await expect(status).toHaveAttribute("data-running", "false", { timeout: 20_000 });
    const hits = page.getByTestId("search-hit");
    await expect(hits).toHaveCount(1);
    await expect(hits.first()).toContainText(`${needle}.txt`);
    await expect(hits.first().getByTestId("search-hit-folder")).toHaveText(`in uploads/${top}/a/b c/d`);
    // The hidden folder was skipped and the person is told so; its file never appears.
    await expect(page.getByText(`${needle}-secret.txt`)).toHaveCount(0);
    await expect(page.getByTestId("search-note").filter({ hasText: "you may not list" })).toBeVisible();
    if (viewport.name === "desktop")
      await page.screenshot({ path: "test-results/screenshots/search-results.png" });
    else await page.screenshot({ path: "test-results/screenshots/search-results-phone.png" });

    if (viewport.name === "desktop") {
      // The keyboard way: down from the search box into the hits, Enter opens.
      await page.getByTestId("filter").press("ArrowDown");
      await expect(hits.first()).toBeFocused();
      await page.keyboard.press("Enter");
    } else await hits.first().click();
    await expect(page).toHaveURL(new RegExp(`/browse/uploads/${top}/a/b%20c/d\\?file=${needle}\\.txt$`));
    await expect(row(page, `${needle}.txt`)).toHaveAttribute("aria-selected", "true");
  });
}

test("a glob search matches whole names, and an empty answer says where it looked", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.goto(`/browse/uploads/${top}`);
  await page.getByTestId("search-scope").click();
  await page.getByTestId("filter").fill("*.txt");
  await expect(page.getByTestId("search-hit")).toHaveCount(2);
  await page.getByTestId("filter").fill("*.bin");
  await expect(page.getByTestId("search-hit")).toHaveCount(1);
  await expect(page.getByTestId("search-hit").first()).toContainText("sized.bin");
  await page.getByTestId("filter").fill("no-such-name-anywhere");
  await expect(page.getByTestId("search-empty")).toContainText("Nothing named like “no-such-name-anywhere”");
  // Back to this folder only: the box filters the listing again.
  await page.getByTestId("search-scope").click();
  await expect(page.getByTestId("search-results")).toHaveCount(0);
});

test("a folder's details count its entries and size on request", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/browse/uploads?file=${top}`);
  await expect(row(page, top)).toHaveAttribute("aria-selected", "true");
  const totals = page.getByTestId("folder-totals");
  await expect(totals.getByTestId("folder-totals-text")).toHaveText("Not calculated");
  await totals.getByTestId("folder-totals-calculate").click();
  // a, a/b c, a/b c/d; other.txt, sized.bin and the needle (2048 + 6 + 8 bytes).
  await expect(totals.getByTestId("folder-totals-text")).toHaveText("6 entries (3 files, 3 folders) · 2 KiB");
});

test("Stop ends a slow search, and the results say they are not the whole tree", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.goto(`/browse/uploads/${top}`);
  await expect(page.getByTestId("file-grid")).toBeVisible();
  // Every listing below this folder now takes a while: the search is still running when Stop is pressed.
  await injectFault(page.request, {
    method: "GET",
    pathPrefix: `${workspaceInfo().volumes.uploads}/${top}/a`,
    delayMs: 3000,
    count: 5,
  });
  try {
    await page.getByTestId("search-scope").click();
    await page.getByTestId("filter").fill("needle");
    await expect(page.getByTestId("search-status")).toHaveText(/^Searching…/);
    await page.getByTestId("search-stop").click();
    await expect(page.getByTestId("search-status")).toHaveText(/^Stopped: 0 matches/);
    await expect(page.getByTestId("search-note").filter({ hasText: "You stopped the search" })).toBeVisible();
    await expect(page.getByTestId("search-empty")).toContainText("as far as the search got");
  } finally {
    await clearFaults(page.request);
  }
});

test("when the filter finds nothing here, one click searches the subfolders for it", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.goto(`/browse/uploads/${top}`);
  await page.getByTestId("filter").fill(needle);
  await expect(page.getByTestId("state-no-results")).toBeVisible();
  await page.getByTestId("search-subfolders-instead").click();
  await expect(page.getByTestId("search-hit")).toHaveCount(1);
  await expect(page.getByTestId("search-hit-folder")).toHaveText(`in uploads/${top}/a/b c/d`);
});

test("a hit in the folder the search started from opens in the listing", async ({ pageAs }) => {
  const page = await pageAs("alice");
  await page.goto(`/browse/uploads/${top}/a`);
  await page.getByTestId("search-scope").click();
  await page.getByTestId("filter").fill("other");
  await page.getByTestId("search-hit").first().click();
  await expect(page.getByTestId("search-results")).toHaveCount(0);
  await expect(page.getByTestId("search-scope")).toHaveAttribute("aria-pressed", "false");
  await expect(row(page, "other.txt")).toHaveAttribute("aria-selected", "true");
});
