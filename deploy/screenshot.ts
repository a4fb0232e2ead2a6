// `npm run screenshots`: the README's screenshots, taken the way a person sees the product. It
// builds, starts a fresh local workspace (emulator, app, Apps proxy; seeded demo data), signs in
// as alice by clicking her on the sign-in page in headless Chromium, and writes
//   docs/screenshot.png         a volume's files with one file's details, 1280 px wide
//   docs/screenshot-phone.png   the same folder on a phone, 390 px wide
//
//   npm run screenshots                       # or: npx tsx deploy/screenshot.ts [projectDir] [outDir]
//
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { startAppProcess } from "../local-workspace/app-process.js";
import { freePort } from "../local-workspace/free-port.js";
import { startLocalWorkspace } from "../local-workspace/launch.js";
import { PROJECT_DIR } from "./support/project.js";

const projectDir = path.resolve(process.argv[2] ?? PROJECT_DIR);
const outDir = path.resolve(process.argv[3] ?? path.join(PROJECT_DIR, "docs"));

const SHOTS = [
  {
    file: "screenshot.png",
    page: "/browse/shared/data?file=sales.csv",
    context: { viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 },
  },
  {
    file: "screenshot-phone.png",
    page: "/browse/shared/data",
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  },
];

/** Signs in on the real sign-in page, as a person does: open it, click the user. */
async function signIn(page: Page, baseUrl: string, user: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/.proxy/login?next=${encodeURIComponent(next)}`);
  await page.getByRole("button", { name: new RegExp(user, "i") }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/.proxy/"), { timeout: 15_000 });
}

async function shoot(browser: Browser, baseUrl: string, shot: (typeof SHOTS)[number]): Promise<void> {
  const context = await browser.newContext({ ...shot.context, colorScheme: "light" });
  try {
    const page = await context.newPage();
    await signIn(page, baseUrl, "alice", shot.page);
    await page.goto(`${baseUrl}${shot.page}`, { waitUntil: "networkidle" });
    // Let previews and fonts settle: the page is idle on the network, not necessarily painted.
    await page.waitForTimeout(1500);
    const file = path.join(outDir, shot.file);
    await page.screenshot({ path: file, type: "png" });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await context.close();
  }
}

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
      output: "readable",
    }),
});
let browser: Browser | undefined;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  for (const shot of SHOTS) await shoot(browser, workspace.proxy.url, shot);
} finally {
  await browser?.close();
  await workspace.close();
  await rm(workspaceDir, { recursive: true, force: true });
}
