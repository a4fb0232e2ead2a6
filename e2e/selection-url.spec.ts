// The URL follows the selection, so a copied link opens what the person sees.
import { row } from "./support/browser";
import { FilesApi, uniqueName } from "./support/files-api";
import { expect, test } from "./support/workspace";

let dir = "";
test.beforeEach(() => {
  dir = uniqueName("selection-url");
});
test.afterEach(async ({ requestAs }) => {
  // Alice's own browser session (signed in by clicking), not hand-made credentials.
  const request = await requestAs("alice");
  await new FilesApi(request).remove("uploads", dir);
});

test("a click on a row puts it in the URL without a history entry; the link opens it selected", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/a first.txt`, "a");
  await api.upload("uploads", `${dir}/b second.txt`, "b");
  await page.goto(`/browse/uploads/${dir}`);
  const historyLength = await page.evaluate(() => history.length);

  await row(page, "a first.txt").click();
  await expect(page).toHaveURL(/\?file=a\+first\.txt$|\?file=a%20first\.txt$/);
  const previewed = page.waitForResponse((r) => r.url().includes("/preview?") && r.url().includes("second"));
  await row(page, "b second.txt").click();
  await expect(page).toHaveURL(/\?file=b(\+|%20)second\.txt$/);
  // (A reload while the preview loads would cut that request short.)
  await previewed;
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
  const link = page.url();

  // Reload keeps it: selected, with its details.
  await page.reload();
  await expect(row(page, "b second.txt")).toHaveAttribute("aria-selected", "true");
  await expect(
    page.getByTestId("details-panel").getByRole("heading", { name: "b second.txt" }),
  ).toBeVisible();

  // Another page (another tab, the same person) opening the copied link sees the same.
  const other = await pageAs("alice");
  await other.goto(link);
  await expect(row(other, "b second.txt")).toHaveAttribute("aria-selected", "true");
  await expect(row(other, "a first.txt")).toHaveAttribute("aria-selected", "false");
  await expect(
    other.getByTestId("details-panel").getByRole("heading", { name: "b second.txt" }),
  ).toBeVisible();

  // Clearing the selection (Escape) clears the link too.
  await row(page, "b second.txt").click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/browse/uploads/${dir}$`));
});
