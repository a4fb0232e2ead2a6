// The summary `npm test` ends with, from the steps that ran, the ones that failed, and the test
// runners' JSON reports. Kept apart from scripts/test.mjs so its rules are tested
// (test-summary.test.ts): the failure count is non-zero exactly when a step failed or a test
// step ran nothing, so the summary can never say "0 failed" next to a failed step.
import { existsSync, readFileSync } from "node:fs";

const READERS = {
  unit: (r) => ({
    passed: r.numPassedTests ?? 0,
    // A file that fails to load has no failed tests, only a failed suite.
    failed: (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0),
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  }),
  e2e: (r) => ({
    passed: r.stats?.expected ?? 0,
    // errors: a global setup or a spec file that failed before any test ran.
    failed: (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0) + (r.errors?.length ?? 0),
    skipped: r.stats?.skipped ?? 0,
  }),
};

/** The counts in a runner's JSON report, or undefined when it is missing or unreadable. */
export function readReport(kind, file) {
  if (!existsSync(file)) return undefined;
  try {
    return READERS[kind](JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
}

export function summarise({ ran, failedSteps, reports }) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const parts = [];
  for (const name of ran) {
    const isTestStep = name in READERS;
    const report = reports[name];
    const c = report ?? { passed: 0, failed: 0, skipped: 0 };
    // Every failed step counts at least once: one with no report (types, lint, build), a runner
    // that crashed before writing its report, or one whose report shows no failure yet exited
    // non-zero. A test step that ran nothing at all is a failure too, even if it exited 0.
    const ranNothing = isTestStep && c.passed + c.failed === 0;
    const failed = failedSteps.includes(name) || ranNothing ? Math.max(c.failed, 1) : c.failed;
    total.passed += c.passed;
    total.failed += failed;
    total.skipped += c.skipped;
    if (!isTestStep) continue;
    const note =
      report === undefined
        ? " (no report: the runner failed before writing it)"
        : ranNothing
          ? " (no tests ran)"
          : "";
    parts.push(`${name}: ${c.passed} passed, ${failed} failed${note}`);
  }
  const lines = [];
  if (parts.length > 0) lines.push(`\n${parts.join("; ")}`);
  if (failedSteps.length > 0) lines.push(`failed steps: ${failedSteps.join(", ")}`);
  lines.push(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return { lines, total };
}
