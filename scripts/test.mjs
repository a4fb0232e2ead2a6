#!/usr/bin/env node
// `npm test`: everything CI checks, in order of cost: types, lint, build, unit + integration
// (Vitest), then end-to-end in Chromium (Playwright). Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { readReport, summarise } from "./test-summary.mjs";

const only = process.argv.slice(2);
const steps = [
  ["typecheck", ["npm", "run", "typecheck"]],
  ["lint", ["npx", "biome", "ci", "."]],
  ["build", ["npm", "run", "build"]],
  [
    "unit",
    [
      "npx",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      "--outputFile.json=test-results/vitest.json",
    ],
  ],
  ["e2e", ["npx", "playwright", "test"]],
];

mkdirSync("test-results", { recursive: true });
// A report left over from an earlier run must never be counted as this run's.
const REPORTS = { unit: "test-results/vitest.json", e2e: "test-results/playwright.json" };
for (const file of Object.values(REPORTS)) rmSync(file, { force: true });
const E2E_LOG = "test-results/e2e-workspace.log";

const failedSteps = [];
for (const [name, [cmd, ...args]] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failedSteps.push(name);
    console.log(`✗ ${name} failed after ${seconds} s`);
    if (name === "e2e" && existsSync(E2E_LOG)) console.log(`  the local workspace's log: ${E2E_LOG}`);
    // Later steps still run so one report shows every failure.
  } else {
    console.log(`✓ ${name} (${seconds} s)`);
  }
}

const reports = { unit: readReport("unit", REPORTS.unit), e2e: readReport("e2e", REPORTS.e2e) };
const ran = steps.map(([name]) => name).filter((name) => only.length === 0 || only.includes(name));
const { lines, total } = summarise({ ran, failedSteps, reports });
for (const line of lines) console.log(line);
// The exit code and the summary come from the same numbers, so they cannot disagree.
const ok = total.failed === 0;
process.exit(ok ? 0 : 1);
