// Benchmarks measure the app as production runs it: `node dist/server/main.js`. Only the server
// build matters here (the SPA is never requested), so a stale server build is rebuilt with tsc
// alone: a half-edited client elsewhere in the tree cannot stop a benchmark.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const APP_MAIN = path.join(PROJECT_DIR, "dist/server/main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "test-support") {
        newest = Math.max(newest, newestSource(full));
      }
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

export function serverBuildIsStale(): boolean {
  if (!existsSync(APP_MAIN)) return true;
  const builtAt = statSync(APP_MAIN).mtimeMs;
  const sources = ["server", "shared"].map((d) => newestSource(path.join(PROJECT_DIR, d)));
  const config = statSync(path.join(PROJECT_DIR, "tsconfig.server.json")).mtimeMs;
  return Math.max(config, ...sources) > builtAt;
}

export function ensureServerBuild(log: (line: string) => void): void {
  if (!serverBuildIsStale()) return;
  log("The server build is missing or older than the sources: tsc -p tsconfig.server.json …");
  const tsc = path.join(PROJECT_DIR, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.server.json"], {
    cwd: PROJECT_DIR,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("the server build failed; fix it or run `npm run build`");
}
