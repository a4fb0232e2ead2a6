// No file content runs in the app's origin: the HTML page with script, the SVG with script and
// event handlers, and the Markdown and notebook with raw HTML are previewed, and nothing of
// theirs executes (no dialog opens, no request they would make is sent).
import type { Page } from "@playwright/test";
import { DEMO_FILES } from "../local-workspace/seed/demo-files";
import { expect, test } from "./support/workspace";

const SHOTS = "test-results/screenshots";

/** Records every dialog (and dismisses it) and every request that only the files' scripts make. */
function watch(page: Page) {
  const dialogs: string[] = [];
  const suspicious: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => {
    const url = request.url();
    if (/[?&]xss=/.test(url) || url.includes("does-not-exist.png") || url.includes("missing.png"))
      suspicious.push(url);
  });
  return { dialogs, suspicious };
}

async function open(page: Page, path: string) {
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "" : `/${path.slice(0, slash)}`;
  await page.goto(`/browse/shared${dir}?file=${encodeURIComponent(path.slice(slash + 1))}`);
  await expect(page.getByTestId("preview-pane")).toHaveAttribute("data-kind", /.+/);
}

test("the HTML file is shown as source and its script never runs", async ({ pageAs }) => {
  const { html } = DEMO_FILES;
  const page = await pageAs("alice");
  const seen = watch(page);
  await open(page, html.path);
  const area = page.getByTestId("preview-area");
  await expect(area.getByTestId("markup-source-notice")).toBeVisible();
  await expect(area.getByTestId("code-view")).toContainText(html.xss);
  // Full screen renders it again: still source.
  await page.getByTestId("open-fullscreen").click();
  await expect(page.getByTestId("preview-fullscreen").getByTestId("code-view")).toContainText(
    "<body onload=",
  );
  await page.screenshot({ path: `${SHOTS}/preview-html.png` });
  await page.keyboard.press("Escape");
  // Give any script, handler or subresource of the file time to show itself.
  await page.waitForTimeout(1000);
  expect(await page.locator("iframe, object, embed").count()).toBe(0);
  expect(seen.dialogs).toEqual([]);
  expect(seen.suspicious).toEqual([]);
});

test("the SVG is shown as an image (its script and onload never run) or as source", async ({ pageAs }) => {
  const { svg } = DEMO_FILES;
  const page = await pageAs("alice");
  const seen = watch(page);
  await open(page, svg.path);
  const area = page.getByTestId("preview-area");
  await expect(area.getByTestId("image-natural-size")).toHaveText(`${svg.width} × ${svg.height} px`);
  // It is an <img>, never inline <svg> markup in the page.
  expect(await area.locator("svg script, svg[onload]").count()).toBe(0);
  await page.screenshot({ path: `${SHOTS}/preview-svg.png` });
  await area.getByRole("button", { name: "Source" }).click();
  for (const payload of svg.xss) await expect(area.getByTestId("code-view")).toContainText(payload);
  await page.waitForTimeout(1000);
  expect(seen.dialogs).toEqual([]);
  expect(seen.suspicious).toEqual([]);
});

test("Markdown and notebook markdown keep raw HTML inert", async ({ pageAs }) => {
  const { markdown, notebook } = DEMO_FILES.safetyChecks;
  const page = await pageAs("alice");
  const seen = watch(page);
  await open(page, markdown.path);
  const body = page.getByTestId("markdown-body");
  await expect(body.getByRole("heading", { name: markdown.heading })).toBeVisible();
  // The raw tags are text on the page, not elements.
  await expect(body).toContainText('<script>alert("README script ran")');
  expect(await body.locator("script, img[onerror], [onerror], [onload]").count()).toBe(0);
  // Every link in a preview opens in a new tab without access to this one.
  for (const link of await body.locator("a[href]").all()) {
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await expect(link).toHaveAttribute("target", "_blank");
  }

  await open(page, notebook.path);
  const viewer = page.getByTestId("notebook-viewer");
  await expect(viewer.getByRole("heading", { name: notebook.heading })).toBeVisible();
  await expect(viewer).toContainText(notebook.markdownXss);
  expect(await viewer.locator("script, [onerror], [onload]").count()).toBe(0);
  await page.waitForTimeout(1000);
  expect(seen.dialogs).toEqual([]);
  expect(seen.suspicious).toEqual([]);
});
