import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import type { WorkspaceInfo } from "../../server/local-workspace/workspace-info";

export const E2E_WORKSPACE_DIR = path.resolve("test-results/e2e-workspace");

export function workspaceInfo(): WorkspaceInfo {
  return JSON.parse(readFileSync(path.join(E2E_WORKSPACE_DIR, "workspace.json"), "utf8")) as WorkspaceInfo;
}

export function basicAuth(user: string): string {
  return `Basic ${Buffer.from(`${user}:`).toString("base64")}`;
}

export type DemoUser = "alice" | "bob" | "carol";

interface Fixtures {
  /** Opens a page signed in as a demo user through the Apps proxy; fails the test on console errors. */
  pageAs: (user: DemoUser) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  pageAs: async ({ browser }, use) => {
    const problems: string[] = [];
    const contexts: Array<Awaited<ReturnType<typeof browser.newContext>>> = [];
    await use(async (user) => {
      const context = await browser.newContext({
        baseURL: workspaceInfo().proxyUrl,
        // The local proxy accepts Basic `<user>:` for scripts, like a signed-in session.
        // (httpCredentials only answers 401 challenges, and the proxy redirects instead.)
        extraHTTPHeaders: { authorization: basicAuth(user) },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
      });
      page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
      page.on("requestfailed", (req) => problems.push(`request failed: ${req.method()} ${req.url()}`));
      return page;
    });
    for (const context of contexts) await context.close();
    expect(problems, "the page logged errors or had failed requests").toEqual([]);
  },
});

export { expect };
