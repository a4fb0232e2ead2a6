#!/usr/bin/env node
// `npm test`: everything CI checks, in order of cost: types, lint, build, unit + integration
// (Vitest), then end-to-end in Chromium (Playwright). Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

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
    // Later steps still run so one report shows every failure.
  } else {
    console.log(`✓ ${name} (${seconds} s)`);
  }
}

function counts(file, read) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  try {
    return read(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}
const unit = counts("test-results/vitest.json", (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: r.numFailedTests ?? 0,
  skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
}));
const e2e = counts("test-results/playwright.json", (r) => ({
  passed: r.stats?.expected ?? 0,
  failed: (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0),
  skipped: r.stats?.skipped ?? 0,
}));
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + failedSteps.filter((s) => s !== "unit" && s !== "e2e").length;
console.log(
  `\nunit/integration: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed`,
);
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(", ")}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${unit.skipped + e2e.skipped} skipped`);
process.exit(failedSteps.length > 0 || passed === 0 ? 1 : 0);
