// The inbox drop box for a newcomer: a person who exists only in principals.json (no grants, no
// seeded folder) signs in on the sign-in page, finds "Your folder" in inbox, and uploads into it
// through the file chooser before the folder exists; the file lands on disk.
import { readFileSync } from "node:fs";
import path from "node:path";
import { row } from "./support/browser";
import { FilesApi } from "./support/files-api";
import { addPrincipal, removePrincipal } from "./support/principals";
import { E2E_WORKSPACE_DIR, expect, test, workspaceInfo } from "./support/workspace";

const onDisk = (rel: string) =>
  path.join(
    E2E_WORKSPACE_DIR,
    "volumes",
    ...(workspaceInfo().volumes.inbox ?? "").split("/").slice(2),
    ...rel.split("/"),
  );

test("a newcomer with no grants finds their inbox folder and uploads into it", async ({ pageAs }) => {
  const userName = await addPrincipal("nia");
  const folder = `users/${userName}`;
  // Listing the own folder before the first upload answers 404: the UI shows it as empty.
  const page = await pageAs(userName, { expectHttpErrors: [404] });
  try {
    await page.goto("/browse/inbox");
    await expect(row(page, "README.md")).toBeVisible();
    // At the root: read-only here, with the way to the own folder; nothing to upload with.
    await expect(page.getByTestId("read-only")).toHaveText(/Read-only here/);
    await expect(page.getByTestId("writable-elsewhere")).toContainText(`your folder, ${folder}/`);
    for (const id of ["upload-files", "new-folder", "upload-limit"]) {
      await expect(page.getByTestId(id)).toHaveCount(0);
    }
    const sidebarInbox = page.getByRole("navigation", { name: "Volumes" }).locator('[data-volume="inbox"]');
    await expect(sidebarInbox).toContainText("read-only here");
    await expect(sidebarInbox).toContainText("your folder: writable");
    await page.screenshot({ path: "test-results/screenshots/dropbox-root.png" });

    await page.getByTestId("your-folder").click();
    await expect(page.getByTestId("state-own-folder")).toContainText("This is your folder");
    await expect(page.getByTestId("state-own-folder")).toContainText(
      "Nothing here yet — upload files or create a folder.",
    );
    await expect(page.getByTestId("state-not-found")).toHaveCount(0);
    await expect(page.getByTestId("read-only")).toHaveCount(0);
    await expect(page.getByTestId("your-folder")).toHaveCount(0);
    await expect(page.getByTestId("new-folder")).toBeEnabled();
    await expect(sidebarInbox).toContainText("read-write here");
    await expect(sidebarInbox).not.toContainText("your folder: writable");
    // The limit in the unit the admin wrote (global-setup sets FILES_INBOX_MAX_UPLOAD_SIZE=1MB).
    await expect(page.getByTestId("upload-limit")).toHaveText("Uploads up to 1 MB per file");
    await page.screenshot({ path: "test-results/screenshots/dropbox-own-folder-empty.png" });

    const chooser = page.waitForEvent("filechooser");
    await page.getByTestId("upload-files").click();
    await (await chooser).setFiles({
      name: "hello.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Hello from a newcomer\n"),
    });
    await expect(row(page, "hello.txt")).toBeVisible();
    await expect(page.getByTestId("state-own-folder")).toHaveCount(0);
    expect(readFileSync(onDisk(`${folder}/hello.txt`), "utf8")).toBe("Hello from a newcomer\n");
  } finally {
    await FilesApi.of(page).cleanUp("inbox", folder);
    removePrincipal(userName);
  }
});

test("a newcomer can create a folder in their own folder before it exists", async ({ pageAs }) => {
  const userName = await addPrincipal("omar");
  const folder = `users/${userName}`;
  const page = await pageAs(userName, { expectHttpErrors: [404] });
  try {
    await page.goto(`/browse/inbox/${folder}`);
    await expect(page.getByTestId("state-own-folder")).toBeVisible();
    await page.getByTestId("new-folder").click();
    const dialog = page.getByTestId("new-folder-dialog");
    await dialog.getByLabel("Name").fill("reports");
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(row(page, "reports")).toBeVisible();
    await expect(FilesApi.of(page).exists("inbox", `${folder}/reports`)).resolves.toBe(true);
    // Someone else's folder stays read-only for the newcomer, with the way back to theirs.
    await page.goto("/browse/inbox/users/alice@example.com");
    await expect(page.getByTestId("read-only")).toHaveText(/Read-only here/);
    await expect(page.getByTestId("your-folder")).toBeVisible();
  } finally {
    await FilesApi.of(page).cleanUp("inbox", folder);
    removePrincipal(userName);
  }
});
