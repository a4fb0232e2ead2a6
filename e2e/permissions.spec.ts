import { row } from "./support/browser";
import { expect, test } from "./support/workspace";

test("bob (READ VOLUME only) sees no write actions on uploads, and can still read", async ({ pageAs }) => {
  const page = await pageAs("bob");
  await page.goto("/browse/uploads");
  await expect(row(page, "README.md")).toBeVisible();
  await expect(page.getByTestId("read-only")).toBeVisible();
  for (const id of ["new-folder", "upload-files", "upload-folder", "rename", "delete"]) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
  await expect(page.getByTestId("upload-limit")).toHaveCount(0);
  await expect(
    page.getByRole("navigation", { name: "Volumes" }).locator('[data-volume="uploads"]'),
  ).toContainText("read-only");
  await row(page, "README.md").click();
  await expect(page.getByTestId("download")).toHaveText("Download");
});

test("carol (no grants) gets a clear no-permission state on uploads and still reads shared", async ({
  pageAs,
}) => {
  const page = await pageAs("carol", { expectHttpErrors: [403] });
  await page.goto("/browse/uploads");
  const denied = page.getByTestId("state-denied");
  await expect(denied).toContainText("You don't have permission");
  await expect(denied).toContainText("User does not have READ VOLUME on Volume 'main.demo.uploads'.");
  await expect(denied).toContainText("grant you READ VOLUME");
  await page.screenshot({ path: "test-results/screenshots/denied.png" });

  await page
    .getByRole("navigation", { name: "Volumes" })
    .getByRole("link", { name: /shared/ })
    .click();
  await expect(page).toHaveURL(/\/browse\/shared$/);
  await expect(row(page, "README.md")).toBeVisible();
  await expect(page.getByTestId("state-denied")).toHaveCount(0);
});

test("alice may write only inside her own inbox folder, and the UI follows the folder", async ({
  pageAs,
}) => {
  const page = await pageAs("alice");
  await page.goto("/browse/inbox/users");
  await expect(row(page, "alice@example.com")).toBeVisible();
  await expect(page.getByTestId("new-folder")).toHaveCount(0);
  await row(page, "alice@example.com").dblclick();
  await expect(page).toHaveURL(
    /\/browse\/inbox\/users\/alice%40example\.com|\/browse\/inbox\/users\/alice@example\.com/,
  );
  await expect(page.getByTestId("new-folder")).toBeVisible();
  await expect(page.getByTestId("upload-files")).toBeVisible();
});
