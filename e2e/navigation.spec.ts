import { activeRowName, grid, row, rows } from "./support/browser";
import { FilesApi, uniqueName } from "./support/files-api";
import { expect, test, workspaceInfo } from "./support/workspace";

test("alice navigates by clicking: volume card, folder rows, breadcrumbs, back and forward", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  await page.goto("/");
  await page.getByTestId("volume-card").filter({ hasText: "shared" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/browse\/shared$/);
  await row(page, "reports").dblclick();
  await expect(page).toHaveURL(/\/browse\/shared\/reports$/);
  await row(page, "2024").dblclick();
  await row(page, "q1").dblclick();
  await expect(page).toHaveURL(/\/browse\/shared\/reports\/2024\/q1$/);
  await expect(row(page, "revenue-summary.pdf")).toBeVisible();
  await expect(row(page, "regions")).toBeVisible();

  await page.getByRole("navigation", { name: "Breadcrumbs" }).getByRole("link", { name: "reports" }).click();
  await expect(page).toHaveURL(/\/browse\/shared\/reports$/);
  await expect(row(page, "2024")).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/browse\/shared\/reports\/2024\/q1$/);
  await expect(row(page, "regions")).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(/\/browse\/shared\/reports$/);

  await page
    .getByRole("navigation", { name: "Volumes" })
    .getByRole("link", { name: /uploads/ })
    .click();
  await expect(page).toHaveURL(/\/browse\/uploads$/);
  await expect(row(page, "README.md")).toBeVisible();
});

test("alice navigates with the keyboard: type-ahead, Enter, Backspace, Alt+Up, Home/End and the sort headers", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  await page.goto("/browse/shared");
  await expect(row(page, "reports")).toBeVisible();
  await page.keyboard.press("Tab"); // skip link
  await grid(page).focus();
  await expect(grid(page)).toBeFocused();

  await page.keyboard.type("rep");
  expect(await activeRowName(page)).toBe("reports");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/browse\/shared\/reports$/);
  await expect(grid(page)).toHaveAccessibleName(/reports/);
  await expect(row(page, "2024")).toBeVisible();
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => activeRowName(page)).toBe("2024");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/browse\/shared\/reports\/2024$/);
  // A person presses the next key once the folder is on screen, not as the URL changes.
  await expect(grid(page)).toHaveAccessibleName(/2024/);
  await expect(grid(page)).toBeFocused();

  // Up again: the folder we came from is the active (and selected) row, so the URL names it.
  await page.keyboard.press("Backspace");
  await expect(page).toHaveURL(/\/browse\/shared\/reports\?file=2024$/);
  await expect.poll(() => activeRowName(page)).toBe("2024");
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page).toHaveURL(/\/browse\/shared\?file=reports$/);
  await expect.poll(() => activeRowName(page)).toBe("reports");

  await page.keyboard.press("End");
  const last = await rows(page).last().getAttribute("data-name");
  await expect.poll(() => activeRowName(page)).toBe(last);
  await expect(row(page, last ?? "")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect.poll(() => activeRowName(page)).toBe("archive");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(page.getByTestId("selected-count")).toHaveText("3 selected");
  await page.keyboard.press("Control+a");
  await expect(page.getByTestId("selected-count")).toHaveText(/^1\d selected$/);

  // ArrowUp from the first row reaches the column headers; Enter sorts by the active one.
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowUp");
  const nameHeader = page.getByRole("columnheader", { name: "Name" });
  await expect(grid(page)).toHaveAttribute(
    "aria-activedescendant",
    (await nameHeader.getAttribute("id")) ?? "",
  );
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=size&order=desc/);
  await expect(page.getByRole("columnheader", { name: "Size" })).toHaveAttribute("aria-sort", "descending");
});

test("alice pastes /Volumes/... and dbfs:/Volumes/... paths into the path bar", async ({ pageAs }) => {
  // Pasting a file's path first lists it as a folder (404), then shows it in its folder.
  const page = await pageAs("alice", { expectHttpErrors: [404] });
  const shared = workspaceInfo().volumes.shared;
  await page.goto("/browse/uploads");
  await page.getByTestId("edit-path").click();
  const input = page.getByTestId("path-input");
  await expect(input).toHaveValue(workspaceInfo().volumes.uploads ?? "");
  await input.fill(`dbfs:${shared}/reports/2024/q1/regions`);
  await input.press("Enter");
  await expect(page).toHaveURL(/\/browse\/shared\/reports\/2024\/q1\/regions$/);
  await expect(row(page, "emea.csv")).toBeVisible();
  await expect(row(page, "amer.csv")).toBeVisible();

  await page.getByTestId("edit-path").click();
  await input.fill(`  ${shared}/data/sales.csv\n`);
  await input.press("Enter");
  await expect(page).toHaveURL(/\/browse\/shared\/data\?file=sales\.csv$/);
  await expect(page.getByTestId("details-panel")).toContainText("sales.csv");
  await expect(row(page, "sales.csv")).toHaveAttribute("aria-selected", "true");

  await page.getByTestId("edit-path").click();
  await input.fill("/Volumes/nope/nope/nope/x");
  await input.press("Enter");
  await expect(page.getByRole("alert")).toContainText("not a valid path in a volume");
  await input.press("Escape");
  await expect(page).toHaveURL(/\/browse\/shared\/data\?file=sales\.csv$/);
});

test("deep links with #, % and spaces survive a reload; a missing folder links to its nearest parent", async ({
  pageAs,
}) => {
  const page = await pageAs("alice", { expectHttpErrors: [404] });
  const api = FilesApi.of(page);
  const dir = uniqueName("deep");
  const odd = "50% off #1 ?a=b";
  try {
    await api.mkdir("uploads", `${dir}/${odd}`);
    await page.goto(`/browse/uploads/${dir}`);
    await row(page, odd).dblclick();
    await expect(page.getByTestId("state-empty")).toBeVisible();
    const url = page.url();
    expect(url).toContain(`/browse/uploads/${dir}/50%25%20off%20%231%20%3Fa%3Db`);
    await page.screenshot({ path: "test-results/screenshots/empty-folder.png" });
    await page.reload();
    await expect(page.getByTestId("state-empty")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toContainText(odd);

    await page.goto(`/browse/shared?file=${encodeURIComponent("日本 #1 100%.txt")}`);
    await expect(page.getByTestId("details-panel")).toContainText("日本 #1 100%.txt");
    await page.reload();
    await expect(page.getByTestId("details-panel")).toContainText("日本 #1 100%.txt");
    await expect(row(page, "日本 #1 100%.txt")).toHaveAttribute("aria-selected", "true");

    await page.goto("/browse/shared/reports/no-such-folder/deeper");
    await expect(page.getByTestId("state-not-found")).toContainText("doesn't exist");
    await page.getByTestId("nearest-parent").click();
    await expect(page).toHaveURL(/\/browse\/shared\/reports$/);
    await expect(row(page, "2024")).toBeVisible();
  } finally {
    await api.cleanUp("uploads", dir);
  }
});
