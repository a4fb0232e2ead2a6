#!/usr/bin/env node
// `npm test`: everything CI checks, in order of cost: types, lint, build, unit + integration
// (Vitest), then end-to-end in Chromium (Playwright). Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

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

/** The counts a report gives, or undefined when it is missing or unreadable. */
function counts(file, read) {
  if (!existsSync(file)) return undefined;
  try {
    return read(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
}
const reports = {
  unit: counts(REPORTS.unit, (r) => ({
    passed: r.numPassedTests ?? 0,
    // A file that fails to load has no failed tests, only a failed suite.
    failed: (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0),
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  })),
  e2e: counts(REPORTS.e2e, (r) => ({
    passed: r.stats?.expected ?? 0,
    failed: (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0) + (r.errors?.length ?? 0),
    skipped: r.stats?.skipped ?? 0,
  })),
};

// Every failed step counts at least once: a step with no report (types, lint, build), a runner
// that crashed before writing its report, or one whose report shows no failure yet exited non-zero.
const total = { passed: 0, failed: 0, skipped: 0 };
const parts = [];
for (const [name] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  const report = reports[name];
  const stepFailed = failedSteps.includes(name);
  const c = report ?? { passed: 0, failed: 0, skipped: 0 };
  // A test step that ran nothing at all is a failure too, even if it exited 0.
  const ranNothing = name in reports && c.passed + c.failed === 0;
  const failed = stepFailed || ranNothing ? Math.max(c.failed, 1) : c.failed;
  total.passed += c.passed;
  total.failed += failed;
  total.skipped += c.skipped;
  if (name in reports) {
    const note =
      report === undefined
        ? " (no report: the runner failed before writing it)"
        : ranNothing
          ? " (no tests ran)"
          : "";
    parts.push(`${name}: ${c.passed} passed, ${failed} failed${note}`);
  }
}
if (parts.length > 0) console.log(`\n${parts.join("; ")}`);
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(", ")}`);
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
// The exit code and the summary come from the same numbers, so they cannot disagree.
const ok = total.failed === 0;
process.exit(ok ? 0 : 1);
