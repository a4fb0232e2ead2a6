// Direct calls to the app's Files API for fixtures: creating and cleaning up what a test needs
// without going through the UI, as the signed-in user of the page (same headers as the SPA).
import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { workspaceInfo } from "./workspace";

/** A name no other test (or earlier run) uses: `e2e-<label>-<random>`. */
export function uniqueName(label: string): string {
  return `e2e-${label}-${randomBytes(4).toString("hex")}`;
}

/** What the SPA adds to a write; the session cookie says who it is, as in the browser. */
function writeHeaders(): Record<string, string> {
  return { "x-requested-with": "volumes-browser" };
}

const url = (volume: string, route: string, params: Record<string, string>) =>
  `/api/files/${volume}${route ? `/${route}` : ""}?${new URLSearchParams(params)}`;

export class FilesApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly page?: Page,
  ) {}

  static of(page: Page): FilesApi {
    return new FilesApi(page.request, page);
  }

  /**
   * A test's cleanup: takes the page away first, or a refetch it makes meanwhile (returning to
   * the tab, a finished upload) finds the folder gone and fails the test with a 404 nobody caused.
   */
  async cleanUp(volume: string, path: string): Promise<void> {
    if (this.page && !this.page.isClosed()) await this.page.goto("about:blank");
    await this.remove(volume, path);
  }

  async mkdir(volume: string, path: string): Promise<void> {
    const res = await this.request.post(`/api/files/${volume}/mkdir`, {
      headers: writeHeaders(),
      data: { path },
    });
    if (!res.ok()) throw new Error(`mkdir ${path}: ${res.status()} ${await res.text()}`);
  }

  async upload(volume: string, path: string, body: string | Buffer): Promise<void> {
    const res = await this.request.post(url(volume, "upload", { path }), {
      headers: { ...writeHeaders(), "content-type": "application/octet-stream" },
      data: typeof body === "string" ? Buffer.from(body) : body,
    });
    if (!res.ok()) throw new Error(`upload ${path}: ${res.status()} ${await res.text()}`);
  }

  async exists(volume: string, path: string): Promise<boolean> {
    const res = await this.request.get(url(volume, "exists", { path }));
    return ((await res.json()) as { exists: boolean }).exists;
  }

  async read(volume: string, path: string): Promise<string> {
    const res = await this.request.get(url(volume, "download", { path }));
    if (!res.ok()) throw new Error(`download ${path}: ${res.status()}`);
    return res.text();
  }

  /** SHA-256 of a stored file's bytes, read back through the app. */
  async sha256(volume: string, path: string): Promise<string> {
    const res = await this.request.get(url(volume, "download", { path }));
    if (!res.ok()) throw new Error(`download ${path}: ${res.status()}`);
    return createHash("sha256")
      .update(await res.body())
      .digest("hex");
  }

  /** Deletes a file or a whole folder; a missing path is fine (cleanup after a failed test). */
  async remove(volume: string, path: string): Promise<void> {
    const res = await this.request.delete(url(volume, "", { path, recursive: "true" }), {
      headers: writeHeaders(),
    });
    if (!res.ok() && res.status() !== 404)
      throw new Error(`delete ${path}: ${res.status()} ${await res.text()}`);
  }
}

/** Makes the emulator slow down (or fail) matching upstream requests, so a state stays visible. */
export async function injectFault(
  request: APIRequestContext,
  rule: { method?: string; pathPrefix: string; delayMs?: number; count?: number; status?: number },
): Promise<void> {
  const res = await request.post(`${workspaceInfo().emulatorUrl}/__emulator/faults`, { data: rule });
  if (!res.ok()) throw new Error(`fault injection failed: ${res.status()} ${await res.text()}`);
}

export async function clearFaults(request: APIRequestContext): Promise<void> {
  await request.delete(`${workspaceInfo().emulatorUrl}/__emulator/faults`);
}
