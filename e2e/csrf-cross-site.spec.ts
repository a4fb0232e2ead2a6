// The CSRF bypass of issue 11, tried the way an attacker would: alice is signed in, then opens a
// page on a sibling port (another origin on the same site, like a sibling Databricks App) that
// posts to `/%61pi/files/...` (the router decodes it to `/api/files/...`) with her session cookie:
// an auto-submitted text/plain form, a no-cors fetch and a beacon, plus the plain `/api/`
// spelling. Every attempt reaches the app and is refused with 403; no file is written or deleted.
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { FilesApi, uniqueName } from "./support/files-api";
import { E2E_WORKSPACE_DIR, expect, test, workspaceInfo } from "./support/workspace";

const UPLOADS_ON_DISK = path.join(E2E_WORKSPACE_DIR, "volumes", "main", "demo", "uploads");

function attackPage(app: string, targets: { form: string; fetch: string; beacon: string; plain: string }) {
  const upload = (prefix: string, name: string) =>
    `${app}${prefix}/files/uploads/upload?path=${encodeURIComponent(name)}&overwrite=true`;
  return `<!doctype html><html><head><title>waiting</title></head><body>
<iframe name="sink" id="sink"></iframe>
<form id="f" method="POST" enctype="text/plain" target="sink" action="${upload("/%61pi", targets.form)}">
  <input name="pwned" value="by a form">
</form>
<script>
  // The app's answer cannot be framed (frame-ancestors 'self'), but the request goes out.
  document.getElementById("f").submit();
  const quiet = (p) => p.then(() => "sent", (e) => "error " + e);
  Promise.all([
    quiet(fetch(${JSON.stringify(upload("/%61pi", targets.fetch))}, {
      method: "POST", mode: "no-cors", credentials: "include", body: "pwned by fetch",
      headers: { "content-type": "text/plain" },
    })),
    quiet(fetch(${JSON.stringify(upload("/api", targets.plain))}, {
      method: "POST", mode: "no-cors", credentials: "include", body: "pwned by fetch",
    })),
    Promise.resolve(navigator.sendBeacon(${JSON.stringify(upload("/%61pi", targets.beacon))}, "pwned by beacon")),
  ]).then(() => { document.title = "done"; });
</script></body></html>`;
}

async function serveOnSiblingPort(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test("a page on a sibling port cannot write through alice's session, however it spells the path", async ({
  pageAs,
}) => {
  // The attempts are answered 403 (that is the point); nothing else may fail.
  const page = await pageAs("alice");
  const api = FilesApi.of(page);
  const app = workspaceInfo().proxyUrl;
  const targets = {
    form: `${uniqueName("csrf-form")}.txt`,
    fetch: `${uniqueName("csrf-fetch")}.txt`,
    beacon: `${uniqueName("csrf-beacon")}.txt`,
    plain: `${uniqueName("csrf-plain")}.txt`,
  };
  const keep = `${uniqueName("csrf-keep")}.txt`;
  await api.upload("uploads", keep, "keep me");

  // Signed in for real: the app knows alice (and the SPA has finished loading).
  await page.goto("/");
  await expect(page.getByRole("link", { name: /uploads/i }).first()).toBeVisible();
  const me = await page.evaluate(async () => (await (await fetch("/api/me")).json()) as { email?: string });
  expect(me.email).toBe("alice@example.com");

  // The attack opens in another tab of alice's browser (same cookies). Its requests' answers are
  // unreadable there (no-cors, framing refused): the browser reports them as blocked, which is
  // the attacker's problem, so that tab is not held to the app page's no-failed-requests rule.
  const evilTab = await page.context().newPage();
  const attempts: Array<{ method: string; url: string; status: number }> = [];
  evilTab.on("response", (response) => {
    const request = response.request();
    if (!request.url().startsWith(app) || !request.url().includes("/upload?")) return;
    attempts.push({ method: request.method(), url: request.url(), status: response.status() });
  });

  const evil = await serveOnSiblingPort(attackPage(app, targets));
  try {
    await evilTab.goto(evil.url);
    await expect(evilTab).toHaveTitle("done");
    await expect.poll(() => attempts.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(4);
  } finally {
    await evilTab.close();
    await evil.close();
  }

  // Each attempt reached the app from the other origin and was refused by the CSRF guard.
  for (const name of Object.values(targets)) {
    const attempt = attempts.find((a) => a.url.includes(encodeURIComponent(name)));
    expect(attempt, name).toMatchObject({ method: "POST", status: 403 });
  }
  expect(attempts.some((a) => a.url.startsWith(`${app}/%61pi/files/`))).toBe(true);

  // Nothing was written, checked as alice through the app and on disk.
  for (const name of Object.values(targets)) {
    expect(await api.exists("uploads", name), name).toBe(false);
    expect(existsSync(path.join(UPLOADS_ON_DISK, name)), name).toBe(false);
  }
  expect(await api.read("uploads", keep)).toBe("keep me");
  await api.remove("uploads", keep);
});
