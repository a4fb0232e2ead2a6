// Signing in, switching user and signing out on the local workspace, in Chromium, the way a
// person does it: no scripted headers, only clicks. And the sign-in can't be forced on someone
// by a page on another origin (login CSRF).
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "@playwright/test";
import { newToken, readPrincipals, writePrincipals } from "../local-workspace/principals";
import { uniqueName } from "./support/files-api";
import { E2E_WORKSPACE_DIR, expect, test, userButton, workspaceInfo } from "./support/workspace";

const me = (page: Page) => page.getByTestId("signed-in-user");
const onSignInPage = (page: Page) =>
  expect(page.getByRole("heading", { name: "Choose a user" })).toBeVisible();

let context: BrowserContext;
test.beforeEach(async ({ browser }) => {
  // A browser with no session at all, not the fixtures' cached ones.
  context = await browser.newContext({ baseURL: workspaceInfo().proxyUrl });
});
test.afterEach(() => context.close());

test("a person with no session lands on the sign-in page, picks a user and sees the app as them", async () => {
  const page = await context.newPage();
  await page.goto("/browse/shared");
  await expect(page).toHaveURL(/\/\.proxy\/login\?next=%2Fbrowse%2Fshared$/);
  await onSignInPage(page);
  await page.screenshot({ path: "test-results/screenshots/sign-in.png", fullPage: true });

  // The page is served with `Referrer-Policy: no-referrer`, so Chromium posts the choice from an
  // opaque origin (the header reads "null"): the proxy must still see it as coming from itself.
  const post = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/.proxy/login"));
  await userButton(page, "alice").click();
  expect((await (await post).allHeaders()).origin).toBe("null");

  await expect(page).toHaveURL(/\/browse\/shared$/);
  await expect(me(page)).toHaveText(/alice@example\.com/);
  await expect(page.getByTestId("file-row").first()).toBeVisible();
  // The session is a cookie the browser keeps: a new tab is signed in too.
  const second = await context.newPage();
  await second.goto("/");
  await expect(me(second)).toHaveText(/alice@example\.com/);
});

test("Switch user in the user menu signs in as someone else and comes back to the same place", async () => {
  const page = await context.newPage();
  await page.goto("/browse/shared");
  await userButton(page, "alice@example.com").click();
  await expect(me(page)).toHaveText(/alice@example\.com/);

  await me(page).click();
  await page.getByRole("menuitem", { name: /Switch user/ }).click();
  await expect(page).toHaveURL(/\/\.proxy\/login\?next=%2Fbrowse%2Fshared$/);
  await onSignInPage(page);
  await expect(userButton(page, "alice")).toContainText("signed in");
  await userButton(page, "bob").click();

  await expect(page).toHaveURL(/\/browse\/shared$/);
  await expect(me(page)).toHaveText(/bob@example\.com/);
});

test("Sign out in the user menu ends the session and returns to the sign-in page", async () => {
  const page = await context.newPage();
  await page.goto("/");
  await userButton(page, "carol").click();
  await expect(me(page)).toHaveText(/carol@example\.com/);

  await me(page).click();
  await page.getByRole("menuitem", { name: /Sign out/ }).click();
  await expect(page).toHaveURL(/\/\.proxy\/login$/);
  await onSignInPage(page);
  await expect(page.getByText("signed in", { exact: true })).toHaveCount(0);
  // Signed out for real: the app is behind the sign-in page again, and its API answers 401.
  await page.goto("/");
  await expect(page).toHaveURL(/\/\.proxy\/login\?next=%2F$/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("a sign-in form posted from a page on another origin is refused", async ({ pageAs }) => {
  // The attacker's page: a form that signs the visitor in as alice, submitted on load.
  const proxyUrl = workspaceInfo().proxyUrl;
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><form method="post" action="${proxyUrl}/.proxy/login">
<input type="hidden" name="user" value="alice@example.com"><input type="hidden" name="next" value="/">
</form><script>document.forms[0].submit()</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  const { port } = attacker.address() as AddressInfo;
  try {
    const page = await pageAs("bob", { expectHttpErrors: [403] });
    // Another port of the same host (same-site, like another Databricks app) and another site.
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const refused = page.waitForResponse((r) => r.url() === `${proxyUrl}/.proxy/login`);
      await page.goto(`${origin}/`);
      expect((await refused).status()).toBe(403);
      await expect(page.getByText("Cross-site sign-in refused")).toBeVisible();
    }
    await page.goto(`${proxyUrl}/`);
    await expect(me(page)).toHaveText(/bob@example\.com/);
  } finally {
    attacker.closeAllConnections();
    await new Promise((resolve) => attacker.close(resolve));
  }
});

test("a user added to principals.json while the workspace runs can sign in by clicking", async ({
  pageAs,
}) => {
  const userName = `${uniqueName("dana")}@example.com`;
  const before = await readPrincipals(E2E_WORKSPACE_DIR);
  if (!before) throw new Error("no principals.json in the e2e workspace");
  const dana = { id: String(Date.now()), userName, displayName: "Dana Newcomer", token: newToken() };
  await writePrincipals(E2E_WORKSPACE_DIR, { ...before, users: [...before.users, dana] });
  try {
    const page = await pageAs(userName);
    await page.goto("/");
    await expect(me(page)).toContainText(userName);
  } finally {
    const now = await readPrincipals(E2E_WORKSPACE_DIR);
    if (now)
      await writePrincipals(E2E_WORKSPACE_DIR, {
        ...now,
        users: now.users.filter((u) => u.userName !== userName),
      });
  }
});
