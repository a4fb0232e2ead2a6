import { expect, test } from "./support/workspace";

test("bob opens the app through the proxy and sees who he is and the three volumes", async ({ pageAs }) => {
  const page = await pageAs("bob");
  await page.goto("/");
  await expect(page.getByTestId("signed-in-user")).toHaveText(/bob@example\.com/);
  const cards = page.getByTestId("volume-card");
  await expect(cards).toHaveCount(3);
  const card = (key: string) => cards.filter({ has: page.getByText(key, { exact: true }) });
  await expect(card("shared")).toContainText("runs as the app");
  await expect(card("uploads")).toContainText("runs as you");
  await expect(card("inbox")).toContainText("runs as the app");
  await page.screenshot({ path: "test-results/screenshots/volumes-as-bob.png", fullPage: true });
});
