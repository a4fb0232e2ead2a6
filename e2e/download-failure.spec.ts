// A download or zip that fails shows an error in the app; the browser never saves an error body.
import { row } from "./support/browser";
import { clearFaults, FilesApi, injectFault, uniqueName } from "./support/files-api";
import { expect, test } from "./support/workspace";

let dir = "";
test.beforeEach(() => {
  dir = uniqueName("download-failure");
});
test.afterEach(async ({ requestAs }) => {
  // Alice's own browser session (signed in by clicking), not hand-made credentials.
  const request = await requestAs("alice");
  await clearFaults(request);
  await new FilesApi(request).remove("uploads", dir);
});

test("a file deleted behind the app's back: an error in the app, no download", async ({ pageAs }) => {
  const page = await pageAs("alice", { expectHttpErrors: [404] });
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/gone.txt`, "soon gone");
  await api.upload("uploads", `${dir}/sub/inside.txt`, "x");
  await page.goto(`/browse/uploads/${dir}`);
  const downloads: string[] = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));

  await row(page, "gone.txt").click();
  await api.remove("uploads", `${dir}/gone.txt`);
  await page.getByTestId("download").click();
  await expect(page.getByTestId("toast").filter({ hasText: "Could not download “gone.txt”" })).toContainText(
    "no longer exists",
  );

  // A folder gone: the zip fails the same way.
  await row(page, "sub").click();
  await api.remove("uploads", `${dir}/sub`);
  await page.getByTestId("download").click();
  await expect(page.getByTestId("toast").filter({ hasText: "Could not download sub.zip" })).toBeVisible();

  await page.waitForTimeout(500);
  expect(downloads).toEqual([]);
});

test("deleted between the check and the download: still an error in the app, no file", async ({
  pageAs,
  playwright,
}) => {
  const page = await pageAs("alice", { expectHttpErrors: [404] });
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/racy.txt`, "racy");
  await page.goto(`/browse/uploads/${dir}`);
  const downloads: string[] = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));

  // Selecting the file reads its first bytes for the preview; let that finish first.
  const previewed = page.waitForResponse((r) => r.url().includes("/preview?"));
  await row(page, "racy.txt").click();
  await previewed;
  // The app's check (HEAD: the file's metadata) finds it; the browser's download (GET: its
  // bytes) finds it gone, as if deleted in between.
  const request = await playwright.request.newContext();
  await injectFault(request, {
    method: "GET",
    pathPrefix: `/Volumes/main/demo/uploads/${dir}/racy.txt`,
    status: 404,
  });

  await page.getByTestId("download").click();
  await expect(page.getByTestId("toast").filter({ hasText: "Could not download “racy.txt”" })).toBeVisible();
  await page.waitForTimeout(500);
  expect(downloads).toEqual([]);
});

test("a download that works still downloads; Download folder is off where there is no folder", async ({
  pageAs,
}) => {
  const page = await pageAs("alice", { expectHttpErrors: [404] });
  const api = FilesApi.of(page);
  await api.upload("uploads", `${dir}/fine.txt`, "fine");
  await page.goto(`/browse/uploads/${dir}`);
  await row(page, "fine.txt").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
  expect(download.suggestedFilename()).toBe("fine.txt");
  await page.waitForTimeout(500);
  await expect(page.getByTestId("toast").filter({ hasText: "Could not download" })).toHaveCount(0);

  await page.goto(`/browse/uploads/${dir}/no-such-folder`);
  await expect(page.getByTestId("download")).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByTestId("download")).toHaveAttribute("title", "There is no folder here to download.");
});
