// What the large-upload specs share: the test file's size, the proxy settings under which a
// single request of it is cut while each chunk fits, and the steps a person takes in the UI.
import { expect, type Locator, type Page } from "@playwright/test";
import { FilesApi, uniqueName } from "./files-api";
import type { TestFile } from "./upload-knobs";
import { workspaceInfo } from "./workspace";

const MiB = 1024 * 1024;
/** Above the SPA's chunking threshold (32 MiB), small enough to keep the specs quick. */
export const FILE_SIZE = 36 * MiB;
/** The proxy's per-request limit during these specs (Databricks: 120 s). */
export const TIMEOUT_S = 3;
/**
 * Per-request body throughput: the whole file in one request would take 6 s (cut at 3 s), a
 * chunk sized for ~2 s by the client, or the 5 MiB minimum (under 1 s), fits.
 */
export const FAST_KIBPS = 6 * 1024;
/** Slower, for the specs that act in the middle of an upload: the middle lasts long enough. */
export const SLOW_KIBPS = 3 * 1024;

/** The chunked-upload routes (docs/uploads.md): requests a reset, restart or reload breaks on purpose. */
export const CHUNK_REQUESTS = /^\/api\/files\/[^/]+\/uploads(\/[a-z-]+)?$/;

export interface UploadTarget {
  api: FilesApi;
  dir: string;
  /** The file's path inside the volume. */
  file: string;
  /** Its `/Volumes/…` path, as the emulator's faults and stats name it. */
  volumePath: string;
}

/** A fresh folder in the uploads volume, opened in the browser. */
export async function openUploadFolder(page: Page, label: string, name: string): Promise<UploadTarget> {
  const api = FilesApi.of(page);
  const dir = uniqueName(label);
  await api.mkdir("uploads", dir);
  await page.goto(`/browse/uploads/${dir}`);
  await expect(page.getByTestId("file-input")).toBeAttached();
  return {
    api,
    dir,
    file: `${dir}/${name}`,
    volumePath: `${workspaceInfo().volumes.uploads}/${dir}/${name}`,
  };
}

/** The upload manager's row for `name`. */
export function uploadRow(page: Page, name: string): Locator {
  return page.getByTestId("upload-manager").getByTestId("upload-row").filter({ hasText: name });
}

/** Picks the file with the page's file picker, as the Upload button does. */
export async function pickFile(page: Page, file: TestFile): Promise<void> {
  await page.getByTestId("file-input").setInputFiles(file.path);
  await expect(uploadRow(page, file.name)).toHaveAttribute("data-chunked", "true");
}

/** Waits until the upload of `name` shows at least `percent` done. */
export async function progressReaches(page: Page, name: string, percent: number): Promise<void> {
  const bar = page.getByRole("progressbar", { name: `Upload of ${name}` });
  await expect
    .poll(async () => Number((await bar.getAttribute("aria-valuenow")) ?? 0), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(percent);
}

/** Waits for the row to say done, then checks the stored bytes are the file's, read back through the app. */
export async function expectStored(page: Page, target: UploadTarget, file: TestFile): Promise<void> {
  const row = uploadRow(page, file.name);
  // Settled either way; a failure is reported at once, with what the row says, not after a timeout.
  await expect(row).toHaveAttribute("data-status", /^(done|failed|refused|cancelled)$/, { timeout: 45_000 });
  const detail = await row.getByTestId("upload-detail").textContent();
  expect(await row.getAttribute("data-status"), `the upload ended: ${detail}`).toBe("done");
  expect(await target.api.sha256("uploads", target.file)).toBe(file.sha256);
}
