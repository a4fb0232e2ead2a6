import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { row } from "./support/browser";
import { clearFaults, FilesApi, injectFault, uniqueName } from "./support/files-api";
import { expect, test, workspaceInfo } from "./support/workspace";

/** Drops files on an element the way a desktop drag does (a DataTransfer carrying Files). */
async function dropFiles(
  page: Page,
  selector: string,
  files: Array<{ name: string; body: string }>,
): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.body], f.name, { type: "text/plain" }));
    return dt;
  }, files);
  const target = page.locator(selector).first();
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

test("uploads by picker and by drag and drop, with progress and the conflict dialog", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  const dir = uniqueName("upload");
  const volumeRoot = workspaceInfo().volumes.uploads;
  try {
    await api.mkdir("uploads", `${dir}/sub`);
    await page.goto(`/browse/uploads/${dir}`);
    await expect(row(page, "sub")).toBeVisible();
    await expect(page.getByTestId("upload-limit")).toHaveText("Uploads up to 5 GiB per file");

    // Slow the storage down so the transfers stay on screen long enough to be seen.
    await injectFault(page.request, {
      method: "PUT",
      pathPrefix: `${volumeRoot}/${dir}/`,
      delayMs: 1500,
      count: 2,
    });
    await page.getByTestId("file-input").setInputFiles([
      { name: "one.txt", mimeType: "text/plain", buffer: Buffer.from("first version") },
      { name: "two.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") },
    ]);
    const manager = page.getByTestId("upload-manager");
    await expect(manager).toBeVisible();
    await expect(manager.locator('[data-status="uploading"]')).toHaveCount(2);
    await expect(manager.getByRole("progressbar").first()).toBeVisible();
    await expect(page.getByTestId("upload-title")).toContainText("0 of 2 files done");
    await page.screenshot({ path: "test-results/screenshots/upload-progress.png" });
    await expect(manager.locator('[data-status="done"]')).toHaveCount(2);
    await expect(page.getByTestId("upload-title")).toHaveText("2 files uploaded");
    await expect(row(page, "one.txt")).toBeVisible();
    await expect(row(page, "two.csv")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: `Uploaded 2 files to ${dir}` })).toBeVisible();

    // Drag and drop: onto the list (this folder) and onto a folder row (into that folder).
    await dropFiles(page, '[data-testid="drop-zone"]', [{ name: "three.txt", body: "dropped" }]);
    await expect(row(page, "three.txt")).toBeVisible();
    await dropFiles(page, '[data-testid="file-row"][data-name="sub"]', [
      { name: "four.txt", body: "into sub" },
    ]);
    await expect.poll(() => api.exists("uploads", `${dir}/sub/four.txt`)).toBe(true);
    expect(await api.read("uploads", `${dir}/three.txt`)).toBe("dropped");

    // The same name again: asked, never overwritten silently. Keep both renames to `one (1).txt`.
    await page.getByTestId("clear-finished").click();
    await page
      .getByTestId("file-input")
      .setInputFiles([{ name: "one.txt", mimeType: "text/plain", buffer: Buffer.from("second version") }]);
    const conflict = page.getByTestId("conflict-dialog");
    await expect(conflict).toContainText("one.txt already exists");
    await page.screenshot({ path: "test-results/screenshots/upload-conflict.png" });
    await conflict.getByRole("button", { name: "Keep both" }).click();
    await expect(row(page, "one (1).txt")).toBeVisible();
    expect(await api.read("uploads", `${dir}/one.txt`)).toBe("first version");
    expect(await api.read("uploads", `${dir}/one (1).txt`)).toBe("second version");

    // Two conflicts at once, "apply to all" with Replace: one question, both replaced.
    await page.getByTestId("file-input").setInputFiles([
      { name: "one.txt", mimeType: "text/plain", buffer: Buffer.from("third version") },
      { name: "two.csv", mimeType: "text/csv", buffer: Buffer.from("x,y\n") },
    ]);
    await expect(conflict).toBeVisible();
    await conflict.getByRole("checkbox").check();
    await conflict.getByRole("button", { name: "Replace" }).click();
    await expect(conflict).toBeHidden();
    await expect.poll(() => api.read("uploads", `${dir}/one.txt`)).toBe("third version");
    await expect.poll(() => api.read("uploads", `${dir}/two.csv`)).toBe("x,y\n");
    expect(await api.exists("uploads", `${dir}/two (1).csv`)).toBe(false);

    // Skip leaves the existing file alone.
    await page
      .getByTestId("file-input")
      .setInputFiles([{ name: "three.txt", mimeType: "text/plain", buffer: Buffer.from("ignored") }]);
    await conflict.getByRole("button", { name: "Skip" }).click();
    await expect(page.getByTestId("upload-manager").locator('[data-status="skipped"]')).toHaveCount(1);
    expect(await api.read("uploads", `${dir}/three.txt`)).toBe("dropped");
  } finally {
    await clearFaults(page.request);
    await api.cleanUp("uploads", dir);
  }
});

test("the folder picker uploads a whole folder tree", async ({ pageAs }) => {
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  const dir = uniqueName("folder");
  const local = await mkdtemp(path.join(tmpdir(), "e2e-folder-"));
  try {
    await mkdir(path.join(local, "photos", "2024"), { recursive: true });
    await writeFile(path.join(local, "photos", "a.txt"), "a");
    await writeFile(path.join(local, "photos", "2024", "b.txt"), "b");
    await api.mkdir("uploads", dir);
    await page.goto(`/browse/uploads/${dir}`);
    await expect(page.getByTestId("state-empty")).toBeVisible();
    await page.getByTestId("folder-input").setInputFiles(path.join(local, "photos"));
    await expect(row(page, "photos")).toBeVisible();
    await expect.poll(() => api.read("uploads", `${dir}/photos/2024/b.txt`)).toBe("b");
    expect(await api.read("uploads", `${dir}/photos/a.txt`)).toBe("a");
  } finally {
    await rm(local, { recursive: true, force: true });
    await api.cleanUp("uploads", dir);
  }
});
