import { readFileSync } from "node:fs";
import path from "node:path";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Locator,
  type Page,
} from "@playwright/test";
import type { WorkspaceInfo } from "../../local-workspace/workspace-info";

// A run on another port (E2E_PORT) gets its own workspace, so two runs never wipe each other's.
export const E2E_WORKSPACE_DIR = path.resolve(
  process.env.E2E_PORT ? `test-results/e2e-workspace-${process.env.E2E_PORT}` : "test-results/e2e-workspace",
);

/** A folder of the uploads volume the e2e workspace's policy lets nobody list (global-setup.ts). */
export const POLICY_HIDDEN_FOLDER = "e2e-policy-hidden";

/** Where a volume's files are on disk in the e2e workspace (the emulator's volumes/<c>/<s>/<v>/). */
export function volumeDirOnDisk(volume: string): string {
  const absolute = workspaceInfo().volumes[volume];
  if (!absolute) throw new Error(`no volume ${volume} in the e2e workspace`);
  return path.join(E2E_WORKSPACE_DIR, "volumes", ...absolute.split("/").slice(2));
}

/** `dir`: another local workspace a spec started itself (see extra-workspace.ts). */
export function workspaceInfo(dir = E2E_WORKSPACE_DIR): WorkspaceInfo {
  return JSON.parse(readFileSync(path.join(dir, "workspace.json"), "utf8")) as WorkspaceInfo;
}

export type DemoUser = "alice" | "bob" | "carol";
/** A demo user's short name, or any principal's userName (say, one a spec added to principals.json). */
export type UserName = DemoUser | (string & {});

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export interface PageOptions {
  /**
   * HTTP statuses this test provokes on purpose (e.g. 403 for a user without grants). Chromium
   * logs every 4xx/5xx response as a console error; only these are tolerated, nothing else.
   */
  expectHttpErrors?: number[];
  /**
   * Requests (by URL path) this test breaks on purpose and the app is meant to survive: chunk
   * requests cut by a reset, an app restart or a reload. Their failures are tolerated.
   */
  expectFailedRequests?: RegExp;
}

interface Fixtures {
  /**
   * Opens a page signed in as `user` through the Apps proxy, the way a person signs in (clicking
   * the user on the sign-in page); fails the test on console errors.
   */
  pageAs: (user: UserName, options?: PageOptions) => Promise<Page>;
  /** API calls with `user`'s browser session (for fixtures and cleanup outside a page). */
  requestAs: (user: UserName) => Promise<APIRequestContext>;
}

interface WorkerFixtures {
  /**
   * The local workspace the fixtures sign in to: the one global-setup starts, unless a spec
   * runs its own (`test.use({ workspaceDir })`, e.g. with other user_api_scopes).
   */
  workspaceDir: string;
  /** A signed-in browser state for `user`; signs in by clicking once per worker, then reuses it. */
  sessionOf: (user: UserName, options?: { fresh?: boolean }) => Promise<StorageState>;
}

/** The button for `user` on the sign-in page: by full userName, or by the part before `@`. */
export function userButton(page: Page, user: UserName): Locator {
  const escaped = user.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const email = new RegExp(user.includes("@") ? `^${escaped}$` : `^${escaped}@`, "i");
  return page.getByRole("button").filter({ has: page.locator(".email", { hasText: email }) });
}

/** Signs in on the real sign-in page: opens it, clicks the user, waits to be sent on. */
export async function signInByClicking(page: Page, user: UserName): Promise<void> {
  const button = userButton(page, user);
  // A user added to principals.json a moment ago is listed once the page is loaded again.
  await expect(async () => {
    if (!(await button.isVisible())) {
      await page.reload();
      await expect(button).toBeVisible({ timeout: 500 });
    }
  })
    .toPass({ timeout: 10_000 })
    .catch(() => {
      throw new Error(`No user '${user}' on the sign-in page: is it in principals.json?`);
    });
  await button.click();
  await page.waitForURL((url) => !url.pathname.startsWith("/.proxy/"), { waitUntil: "commit" });
}

async function signIn(browser: Browser, user: UserName, dir: string): Promise<StorageState> {
  const context = await browser.newContext({ baseURL: workspaceInfo(dir).proxyUrl });
  try {
    const page = await context.newPage();
    await page.goto("/.proxy/login");
    await signInByClicking(page, user);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** Streamed reads (list-stream, search, folder-stats) the app aborts when they are no longer wanted. */
// The app cancels these streams on purpose (Stop, leaving a folder, a new search); and the
// browser drops its own fetches of static files (a lazy chunk, the favicon) when the page
// navigates or reloads before they finished. A static file that is missing still fails: as a 404.
const CANCELLED_STREAMS =
  /^\/api\/files\/[^/]+\/(list-stream|search|folder-stats)$|^\/favicon\.svg$|^\/assets\//;

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})/;

export const test = base.extend<Fixtures, WorkerFixtures>({
  workspaceDir: [E2E_WORKSPACE_DIR, { scope: "worker", option: true }],

  sessionOf: [
    async ({ browser, workspaceDir }, use) => {
      const sessions = new Map<string, StorageState>();
      await use(async (user, options = {}) => {
        const key = user.toLowerCase();
        let state = options.fresh ? undefined : sessions.get(key);
        if (!state) {
          state = await signIn(browser, user, workspaceDir);
          sessions.set(key, state);
        }
        return state;
      });
    },
    { scope: "worker" },
  ],

  pageAs: async ({ browser, sessionOf, workspaceDir }, use) => {
    const problems: string[] = [];
    const deferred: Array<() => string | undefined> = [];
    const contexts: BrowserContext[] = [];
    const baseURL = workspaceInfo(workspaceDir).proxyUrl;
    await use(async (user, options = {}) => {
      let context = await browser.newContext({ baseURL, storageState: await sessionOf(user) });
      // A spec may have signed that session out: sign in again rather than fail later.
      if ((await context.request.get("/api/me")).status() === 401) {
        await context.close();
        context = await browser.newContext({ baseURL, storageState: await sessionOf(user, { fresh: true }) });
      }
      contexts.push(context);
      const page = await context.newPage();
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        const status = FAILED_RESOURCE.exec(msg.text())?.[1];
        if (status && options.expectHttpErrors?.includes(Number(status))) return;
        problems.push(`console error: ${msg.text()}`);
      });
      page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
      // Chromium ends a frame navigation that became a download as "aborted": that one is fine.
      const downloaded = new Set<string>();
      page.on("download", (download) => downloaded.add(download.url()));
      page.on("requestfailed", (req) => {
        const line = `request failed: ${req.method()} ${req.url()}`;
        if (options.expectFailedRequests?.test(new URL(req.url()).pathname)) return;
        if (
          req.failure()?.errorText === "net::ERR_ABORTED" &&
          CANCELLED_STREAMS.test(new URL(req.url()).pathname)
        )
          return;
        if (req.isNavigationRequest() && req.failure()?.errorText === "net::ERR_ABORTED") {
          deferred.push(() => (downloaded.has(req.url()) ? undefined : line));
        } else problems.push(line);
      });
      // Names the request behind a "Failed to load resource" console error.
      page.on("response", (res) => {
        if (res.status() >= 400 && !options.expectHttpErrors?.includes(res.status())) {
          problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
        }
      });
      return page;
    });
    for (const context of contexts) await context.close();
    for (const check of deferred) {
      const problem = check();
      if (problem) problems.push(problem);
    }
    expect(problems, "the page logged errors or had failed requests").toEqual([]);
  },

  requestAs: async ({ playwright, sessionOf, workspaceDir }, use) => {
    const requests: APIRequestContext[] = [];
    await use(async (user) => {
      const request = await playwright.request.newContext({
        baseURL: workspaceInfo(workspaceDir).proxyUrl,
        storageState: await sessionOf(user),
      });
      requests.push(request);
      return request;
    });
    for (const request of requests) await request.dispose();
  },
});

export { expect };
