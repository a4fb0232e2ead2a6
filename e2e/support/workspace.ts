import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import type { WorkspaceInfo } from "../../server/local-workspace/workspace-info";

// A run on another port (E2E_PORT) gets its own workspace, so two runs never wipe each other's.
export const E2E_WORKSPACE_DIR = path.resolve(
  process.env.E2E_PORT ? `test-results/e2e-workspace-${process.env.E2E_PORT}` : "test-results/e2e-workspace",
);

export function workspaceInfo(): WorkspaceInfo {
  return JSON.parse(readFileSync(path.join(E2E_WORKSPACE_DIR, "workspace.json"), "utf8")) as WorkspaceInfo;
}

export function basicAuth(user: string): string {
  return `Basic ${Buffer.from(`${user}:`).toString("base64")}`;
}

export type DemoUser = "alice" | "bob" | "carol";

export interface PageOptions {
  /**
   * HTTP statuses this test provokes on purpose (e.g. 403 for a user without grants). Chromium
   * logs every 4xx/5xx response as a console error; only these are tolerated, nothing else.
   */
  expectHttpErrors?: number[];
}

interface Fixtures {
  /** Opens a page signed in as a demo user through the Apps proxy; fails the test on console errors. */
  pageAs: (user: DemoUser, options?: PageOptions) => Promise<Page>;
}

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})/;

export const test = base.extend<Fixtures>({
  pageAs: async ({ browser }, use) => {
    const problems: string[] = [];
    const deferred: Array<() => string | undefined> = [];
    const contexts: Array<Awaited<ReturnType<typeof browser.newContext>>> = [];
    await use(async (user, options = {}) => {
      const context = await browser.newContext({
        baseURL: workspaceInfo().proxyUrl,
        // The local proxy accepts Basic `<user>:` for scripts, like a signed-in session.
        // (httpCredentials only answers 401 challenges, and the proxy redirects instead.)
        extraHTTPHeaders: { authorization: basicAuth(user) },
      });
      contexts.push(context);
      // Also sign in the way a person does (a session cookie): downloads started by a link click
      // are made by the browser itself, without Playwright's extra headers.
      const signIn = await context.request.post("/.proxy/login", {
        form: { user, next: "/" },
        headers: { origin: workspaceInfo().proxyUrl },
        maxRedirects: 0,
      });
      if (signIn.status() !== 303) throw new Error(`signing in as ${user} failed: ${signIn.status()}`);
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
});

export { expect };
