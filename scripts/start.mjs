#!/usr/bin/env node
// `npm start`. With a Databricks workspace configured (DATABRICKS_HOST, or a CLI profile) it runs
// only the app, as Databricks Apps and `databricks apps run-local` expect. Without one it runs
// the whole product on the local workspace (local-workspace/start.ts): emulator, app and Apps
// proxy. Either way it builds first when the build is missing or older than the sources (so a
// fresh clone needs only `npm install && npm start`); on Databricks Apps `npm run build` has just
// run, so nothing is rebuilt.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildIsStale } from "./build-state.mjs";

if (buildIsStale()) {
  console.log("Building (the build is missing or older than the sources)…");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const hasWorkspace = Boolean(process.env.DATABRICKS_HOST || process.env.DATABRICKS_CONFIG_PROFILE);
if (hasWorkspace) {
  await import("../dist/server/main.js");
} else {
  // From sources through tsx, a dev dependency: present in a clone after `npm install`; the
  // deployed app never comes here (and never imports tsx).
  const start = fileURLToPath(new URL("../local-workspace/start.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", start], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: "inherit",
  });
  // Passed on (Ctrl+C in a terminal reaches both; the local workspace stops once either way).
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
