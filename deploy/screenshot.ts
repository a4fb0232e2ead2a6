// Takes the README's screenshot (docs/screenshot.png): the built app on a fresh local workspace,
// signed in as alice through the local Apps proxy, in headless Chromium.
//
//   npm run build && npx tsx deploy/screenshot.ts [projectDir] [output.png]
//
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startAppProcess } from "../server/local-workspace/app-process.js";
import { freePort } from "../server/local-workspace/free-port.js";
import { startLocalWorkspace } from "../server/local-workspace/launch.js";
import { PROJECT_DIR } from "./support/project.js";

const projectDir = path.resolve(process.argv[2] ?? PROJECT_DIR);
const output = path.resolve(process.argv[3] ?? path.join(PROJECT_DIR, "docs/screenshot.png"));
const PAGE = "/browse/shared/data?file=sales.csv";

const workspaceDir = await mkdtemp(path.join(tmpdir(), "screenshot-workspace-"));
const workspace = await startLocalWorkspace({
  projectDir,
  workspaceDir,
  shellEnv: { PATH: process.env.PATH },
  appPort: await freePort(),
  startApp: (env, port) =>
    startAppProcess({
      command: [process.execPath, path.join(projectDir, "dist/server/main.js")],
      env,
      port,
      cwd: projectDir,
      output: "pipe",
    }),
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 760 },
    deviceScaleFactor: 1,
    colorScheme: "light",
    extraHTTPHeaders: { authorization: `Basic ${Buffer.from("alice:").toString("base64")}` },
  });
  const page = await context.newPage();
  await page.goto(`${workspace.proxy.url}${PAGE}`, { waitUntil: "networkidle" });
  // Let previews and fonts settle: the page is idle on the network, not necessarily painted.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: output, type: "png" });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await workspace.close();
  await rm(workspaceDir, { recursive: true, force: true });
}
