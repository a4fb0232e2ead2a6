#!/usr/bin/env node
// `npm start`: builds first when the build is missing or older than the sources (so a fresh
// clone needs only `npm install && npm start`), then runs dist/server/start.js. On Databricks
// Apps `npm run build` has just run, so nothing is rebuilt.
import { spawnSync } from "node:child_process";
import { buildIsStale } from "./build-state.mjs";

if (buildIsStale()) {
  console.log("Building (the build is missing or older than the sources)…");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import("../dist/server/start.js");
