import { expect, test } from "./support/workspace";

test("bob opens the app through the proxy and sees who he is and the three volumes", async ({ pageAs }) => {
  const page = await pageAs("bob");
  await page.goto("/");
  await expect(page.getByTestId("signed-in-user")).toHaveText(/bob@example\.com/);
  const cards = page.getByTestId("volume-card");
  await expect(cards).toHaveCount(3);
  await expect(cards.filter({ hasText: "shared" })).toContainText("runs as the app");
  await expect(cards.filter({ hasText: "uploads" })).toContainText("runs as you");
  await expect(cards.filter({ hasText: "inbox" })).toBeVisible();
});
