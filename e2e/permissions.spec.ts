import { row } from "./support/browser";
import { uniqueName } from "./support/files-api";
import { addPrincipal, removePrincipal, setGrants } from "./support/principals";
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
  // Nowhere to write on uploads: no "your folder" and no upload limit on its card.
  await page.goto("/");
  const uploadsCard = page.getByTestId("volume-card").filter({ hasText: "/Volumes/main/demo/uploads" });
  await expect(uploadsCard).toContainText("read-only");
  await expect(uploadsCard).not.toContainText("uploads up to");
  await expect(page.getByTestId("volume-card").filter({ hasText: "/Volumes/main/demo/inbox" })).toContainText(
    "your folder: writable",
  );
  await page.goto("/browse/uploads");
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
  await expect(page.getByTestId("upload-limit")).toHaveCount(0);
  await expect(page.getByTestId("read-only")).toHaveText(/Read-only here/);
  await row(page, "alice@example.com").dblclick();
  await expect(page).toHaveURL(
    /\/browse\/inbox\/users\/alice%40example\.com|\/browse\/inbox\/users\/alice@example\.com/,
  );
  await expect(page.getByTestId("new-folder")).toBeVisible();
  await expect(page.getByTestId("upload-files")).toBeVisible();
  await expect(page.getByTestId("upload-limit")).toBeVisible();
  await expect(page.getByTestId("read-only")).toHaveCount(0);
  // Someone else's folder: read-only again, with the way back.
  await page.goto("/browse/inbox/users/bob@example.com");
  await expect(page.getByTestId("read-only")).toHaveText(/Read-only here/);
  await page.getByTestId("your-folder").click();
  await expect(page.getByTestId("upload-files")).toBeVisible();
});

test("a grant revoked while signed in: the next 403 takes the write actions away; back in the tab they return", async ({
  pageAs,
}) => {
  const userName = await addPrincipal("rita", { "main.demo.uploads": ["READ_VOLUME", "WRITE_VOLUME"] });
  const page = await pageAs(userName, { expectHttpErrors: [403] });
  try {
    await page.goto("/browse/uploads");
    await expect(row(page, "README.md")).toBeVisible();
    await expect(page.getByTestId("upload-files")).toBeVisible();

    // An admin revokes WRITE VOLUME while the page is open; the page still offers writing...
    await setGrants(userName, "main.demo.uploads", "uploads", ["READ_VOLUME"]);
    await expect(page.getByTestId("upload-files")).toBeVisible();
    // ...until the next write is refused: then what the page offers follows the grants.
    await page.getByTestId("new-folder").click();
    const dialog = page.getByTestId("new-folder-dialog");
    await dialog.getByLabel("Name").fill(uniqueName("revoked"));
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByRole("alert")).toContainText("WRITE VOLUME");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("upload-files")).toHaveCount(0);
    await expect(page.getByTestId("new-folder")).toHaveCount(0);
    await expect(page.getByTestId("read-only")).toBeVisible();

    // The grant comes back; returning to the tab (visibilitychange) asks again.
    await setGrants(userName, "main.demo.uploads", "uploads", ["READ_VOLUME", "WRITE_VOLUME"]);
    await expect(page.getByTestId("upload-files")).toHaveCount(0);
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
    await expect(page.getByTestId("upload-files")).toBeVisible();
  } finally {
    removePrincipal(userName);
  }
});
