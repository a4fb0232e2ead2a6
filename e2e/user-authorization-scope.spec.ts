// An on-behalf-of-user volume when the app's user authorization lacks files.files: this spec runs
// its own local workspace whose databricks.yml says user_api_scopes: [sql], as an admin could have
// written it (the shared workspace keeps the project's [files.files]).
import { row } from "./support/browser";
import { runOwnWorkspaceWithScopes } from "./support/extra-workspace";
import { expect, test } from "./support/workspace";

runOwnWorkspaceWithScopes("scope-sql", ["sql"]);

test("the volume says the app lacks the scope and who can add it; shared volumes still work", async ({
  pageAs,
}) => {
  const page = await pageAs("alice", { expectHttpErrors: [403] });
  await page.goto("/browse/uploads");
  const denied = page.getByTestId("state-denied");
  await expect(denied).toContainText("The app may not do this on your behalf");
  await expect(denied).toContainText("Provided OAuth token does not have required scopes: files.files");
  await expect(denied).toContainText("add files.files to the app's user authorization scopes");
  await page.screenshot({ path: "test-results/screenshots/missing-scope.png" });

  await page
    .getByRole("navigation", { name: "Volumes" })
    .getByRole("link", { name: /shared/ })
    .click();
  await expect(row(page, "README.md")).toBeVisible();
});
