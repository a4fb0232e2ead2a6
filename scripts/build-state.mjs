// Whether dist/ must be rebuilt: missing outputs, or any source newer than the oldest output.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUTS = ["dist/server/main.js", "dist/client/index.html"];
const SOURCES = ["server", "shared", "client", "package.json", "vite.config.ts", "tsconfig.server.json"];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(full)) {
    if (child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function buildIsStale() {
  if (!OUTPUTS.every((o) => existsSync(path.join(root, o)))) return true;
  const builtAt = Math.min(...OUTPUTS.map((o) => statSync(path.join(root, o)).mtimeMs));
  return SOURCES.some((s) => newestMtime(s) > builtAt);
}
