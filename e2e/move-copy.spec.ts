// Move and Copy to… choose their destination in the folder picker (a tree, keyboard usable);
// a folder is created only when the person asks for it.
import { row } from "./support/browser";
import { FilesApi, uniqueName } from "./support/files-api";
import { expect, test } from "./support/workspace";

const OWN = "users/alice@example.com";
let dir = "";
test.beforeEach(() => {
  dir = uniqueName("move-copy");
});
test.afterEach(async ({ requestAs }) => {
  // Alice's own browser session (signed in by clicking), not hand-made credentials.
  const request = await requestAs("alice");
  const api = new FilesApi(request);
  await api.remove("uploads", dir);
  await api.remove("inbox", `${OWN}/${dir}`);
});

test("move a file into another folder with the keyboard only", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/draft.txt`, "first draft");
  await api.mkdir("uploads", `${dir}/archive`);
  await api.mkdir("uploads", `${dir}/final`);
  await page.goto(`/browse/uploads/${dir}`);

  await row(page, "draft.txt").click();
  await page.keyboard.press("F2");
  const dialog = page.getByTestId("move-dialog");
  await expect(dialog.getByTestId("move-name")).toBeFocused();
  await expect(dialog.getByTestId("move-name")).toHaveValue("draft.txt");

  // Tab reaches the tree on the folder shown; Right opens it, Down walks its sub-folders.
  await page.keyboard.press("Tab");
  const here = dialog.getByRole("treeitem", { name: dir });
  await expect(here).toBeFocused();
  await expect(here).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowRight");
  await expect(here).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("treeitem", { name: "archive" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const final = dialog.getByRole("treeitem", { name: "final" });
  await expect(final).toBeFocused();
  await expect(final).toHaveAttribute("aria-selected", "true");
  // Left goes back to the parent; Down returns.
  await page.keyboard.press("ArrowLeft");
  await expect(here).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(final).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  await expect(row(page, "draft.txt")).toHaveCount(0);
  expect(await api.read("uploads", `${dir}/final/draft.txt`)).toBe("first draft");
  expect(await api.exists("uploads", `${dir}/draft.txt`)).toBe(false);
});

test("copy a folder into another volume; the source stays", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/bundle/a.txt`, "alpha");
  await api.upload("uploads", `${dir}/bundle/sub/b.txt`, "beta");
  await api.mkdir("inbox", `${OWN}/${dir}`);
  await page.goto(`/browse/uploads/${dir}`);

  await row(page, "bundle").click();
  await page.getByTestId("copy-to").click();
  const dialog = page.getByTestId("copy-dialog");
  const tree = dialog.getByTestId("folder-tree");
  // The volumes alice may write to: uploads (this one) and inbox (her own folder); not shared.
  await expect
    .poll(() =>
      tree
        .getByRole("treeitem", { level: 1 })
        .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))),
    )
    .toEqual(["uploads", "inbox"]);

  for (const name of ["inbox", "users", "alice@example.com"]) {
    await tree.getByRole("treeitem", { name, exact: true }).locator(".tree-toggle").first().click();
  }
  await tree
    .getByRole("treeitem", { name: "alice@example.com" })
    .getByRole("treeitem", { name: dir })
    .locator(".tree-row")
    .click();
  await expect(dialog.getByTestId("copy-destination")).toHaveText(`Into inbox/${OWN}/${dir}`);
  await dialog.getByTestId("copy-submit").click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByTestId("toast").filter({ hasText: `Copied bundle to inbox/${OWN}/${dir}` }),
  ).toBeVisible();

  expect(await api.read("inbox", `${OWN}/${dir}/bundle/sub/b.txt`)).toBe("beta");
  expect(await api.read("uploads", `${dir}/bundle/a.txt`)).toBe("alpha");
  await page.goto(`/browse/inbox/${OWN}/${dir}/bundle`);
  await expect(row(page, "a.txt")).toBeVisible();
  await expect(row(page, "sub")).toBeVisible();
});

test("a destination folder is created only when asked; an existing name asks to replace", async ({
  pageAs,
}) => {
  const page = await pageAs("alice", { expectHttpErrors: [409] });
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/notes.txt`, "v2");
  await api.upload("uploads", `${dir}/old/notes.txt`, "v1");
  await page.goto(`/browse/uploads/${dir}`);

  await row(page, "notes.txt").click();
  await page.getByTestId("copy-to").click();
  const dialog = page.getByTestId("copy-dialog");
  // Typing a name and cancelling creates nothing.
  await dialog.getByTestId("picker-new-folder").click();
  await dialog.getByTestId("picker-new-folder-name").fill("2026 copies");
  await dialog.getByTestId("picker-new-folder-name").press("Escape");
  await expect(dialog).toBeVisible();
  expect(await api.exists("uploads", `${dir}/2026 copies`)).toBe(false);

  // Asked for: created, chosen and focused; the copy goes in.
  await dialog.getByTestId("picker-new-folder").click();
  await dialog.getByTestId("picker-new-folder-name").fill("2026 copies");
  await dialog.getByTestId("picker-create-folder").click();
  const created = dialog.getByRole("treeitem", { name: "2026 copies" });
  await expect(created).toHaveAttribute("aria-selected", "true");
  await expect(created).toBeFocused();
  expect(await api.exists("uploads", `${dir}/2026 copies`)).toBe(true);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  expect(await api.read("uploads", `${dir}/2026 copies/notes.txt`)).toBe("v2");

  // Into a folder that already holds the name: a question, and nothing replaced until answered.
  await row(page, "notes.txt").click();
  await page.getByTestId("copy-to").click();
  await dialog.getByRole("treeitem", { name: dir }).press("ArrowRight");
  await dialog.getByRole("treeitem", { name: "old" }).click();
  await dialog.getByTestId("copy-submit").click();
  await expect(dialog.getByTestId("transfer-conflict")).toHaveText(
    `“notes.txt” already exists in “${dir}/old”. Replace it?`,
  );
  expect(await api.read("uploads", `${dir}/old/notes.txt`)).toBe("v1");
  await dialog.getByTestId("copy-submit").click();
  await expect(dialog).toBeHidden();
  expect(await api.read("uploads", `${dir}/old/notes.txt`)).toBe("v2");
});
