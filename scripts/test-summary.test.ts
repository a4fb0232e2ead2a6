// `npm test`'s summary agrees with its exit code (non-zero exactly when `failed` is): a failed
// step always counts, whatever the runners' reports say.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readReport, summarise } from "./test-summary.mjs";

const ALL = ["typecheck", "lint", "build", "unit", "e2e"];
const passing = { unit: { passed: 924, failed: 0, skipped: 2 }, e2e: { passed: 60, failed: 0, skipped: 0 } };
const last = (lines: string[]) => lines[lines.length - 1];

describe("summarise", () => {
  it("all green: the counts, 0 failed", () => {
    const { lines, total } = summarise({ ran: ALL, failedSteps: [], reports: passing });
    expect(total.failed).toBe(0);
    expect(last(lines)).toBe("Tests: 984 passed, 0 failed, 2 skipped");
  });

  it("a runner that exits non-zero with a report of 0 failures still counts as failed", () => {
    const { lines, total } = summarise({ ran: ALL, failedSteps: ["unit"], reports: passing });
    expect(total.failed).toBe(1);
    expect(lines).toContain("failed steps: unit");
    expect(last(lines)).toBe("Tests: 984 passed, 1 failed, 2 skipped");
  });

  it("a runner that crashed before writing its report is a failure, and says so", () => {
    const { lines, total } = summarise({ ran: ALL, failedSteps: ["unit"], reports: { e2e: passing.e2e } });
    expect(total.failed).toBe(1);
    expect(lines[0]).toContain("unit: 0 passed, 1 failed (no report: the runner failed before writing it)");
  });

  it("a failed step without a report of its own (typecheck, lint, build) counts", () => {
    expect(summarise({ ran: ALL, failedSteps: ["lint"], reports: passing }).total.failed).toBe(1);
  });

  it("a test step that ran no tests is a failure even when it exited 0", () => {
    const empty = { ...passing, e2e: { passed: 0, failed: 0, skipped: 0 } };
    const { lines, total } = summarise({ ran: ALL, failedSteps: [], reports: empty });
    expect(total.failed).toBe(1);
    expect(lines[0]).toContain("e2e: 0 passed, 1 failed (no tests ran)");
  });

  it("only the steps that ran count (npm test lint)", () => {
    const { lines, total } = summarise({ ran: ["lint"], failedSteps: [], reports: {} });
    expect(total).toEqual({ passed: 0, failed: 0, skipped: 0 });
    expect(lines).toEqual(["Tests: 0 passed, 0 failed, 0 skipped"]);
  });
});

describe("readReport", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "test-summary-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("counts a Vitest suite that failed to load as a failure", async () => {
    const file = path.join(dir, "vitest.json");
    await writeFile(file, JSON.stringify({ numPassedTests: 10, numFailedTests: 0, numFailedTestSuites: 1 }));
    expect(readReport("unit", file)).toEqual({ passed: 10, failed: 1, skipped: 0 });
  });

  it("counts Playwright's global errors (a setup that failed) as failures", async () => {
    const file = path.join(dir, "playwright.json");
    await writeFile(
      file,
      JSON.stringify({ stats: { expected: 0, unexpected: 0 }, errors: [{ message: "x" }] }),
    );
    expect(readReport("e2e", file)).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });

  it("a missing or broken report is no report", async () => {
    expect(readReport("unit", path.join(dir, "missing.json"))).toBeUndefined();
    const broken = path.join(dir, "broken.json");
    await writeFile(broken, "{ not json");
    expect(readReport("unit", broken)).toBeUndefined();
  });
});
