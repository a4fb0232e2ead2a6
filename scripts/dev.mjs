#!/usr/bin/env node
// `npm run dev`: the local workspace from sources. The app restarts when server code changes
// (tsx watch) and the SPA is rebuilt into dist/client on change (reload the page to see it).
import { spawn } from "node:child_process";

const children = [
  spawn("npx", ["vite", "build", "--watch", "--mode", "development"], { stdio: "inherit" }),
  spawn(process.execPath, ["--import", "tsx", "local-workspace/dev.ts"], { stdio: "inherit" }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", stop);
