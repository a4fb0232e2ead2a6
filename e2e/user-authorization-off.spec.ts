// An on-behalf-of-user volume when the app has no user authorization at all: this spec runs its
// own local workspace whose databricks.yml has no user_api_scopes, so the proxy forwards no
// user token (the shared workspace keeps the project's [files.files]).
import { runOwnWorkspaceWithScopes } from "./support/extra-workspace";
import { expect, test } from "./support/workspace";

runOwnWorkspaceWithScopes("user-auth-off", undefined);

test("the volume says no user token reached the app and how to enable user authorization", async ({
  pageAs,
}) => {
  const page = await pageAs("alice", { expectHttpErrors: [401] });
  await page.goto("/browse/uploads");
  const state = page.getByTestId("state-unauthenticated");
  await expect(state).toContainText("User authorization is needed");
  await expect(state).toContainText("no user access token reached the app");
  await expect(state).toContainText("files.files");
  await page.screenshot({ path: "test-results/screenshots/user-auth-off.png" });
});
