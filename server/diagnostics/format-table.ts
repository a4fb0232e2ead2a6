import { describePrincipal } from "./fixes.js";
import type { CheckName, DiagnosticCheck, DiagnosticsPrincipal, VolumeDiagnostics } from "./types.js";

const MAX_POLICY_CHARS = 48;
const SHORT: Record<CheckName, string> = {
  exists: "exists",
  readable: "read",
  writable: "write",
  "user-scope": "scope",
};

function mark(check: DiagnosticCheck, asUser: boolean): string {
  if (check.ok === true) return "ok";
  if (check.ok === false) return "FAILED";
  if (asUser && (check.name === "readable" || check.name === "writable")) return "as-user";
  return check.detail.startsWith("not needed") ? "n/a" : "?";
}

function summary(result: VolumeDiagnostics): string {
  const asUser = result.auth === "on-behalf-of-user";
  return result.checks.map((check) => `${SHORT[check.name]}:${mark(check, asUser)}`).join(" ");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

export interface FormatOptions {
  /** Named in the heading, so an admin knows whom to grant. */
  spIdentity?: DiagnosticsPrincipal;
}

export function formatDiagnosticsTable(
  results: readonly VolumeDiagnostics[],
  options: FormatOptions = {},
): string {
  const heading = options.spIdentity
    ? `Volume diagnostics (checked as the app's service principal ${describePrincipal(options.spIdentity)}):`
    : "Volume diagnostics:";
  const rows = [
    ["VOLUME", "PATH", "MODE", "POLICY", "LIMIT", "STATUS", "CHECKS"],
    ...results.map((r) => [
      r.key,
      r.path,
      r.auth,
      truncate(r.policy, MAX_POLICY_CHARS),
      r.maxUploadSizeLabel,
      r.status === "ok" ? "ok" : r.status.toUpperCase(),
      summary(r),
    ]),
  ];
  const lines = [heading, ...table(rows)];
  if (results.some((r) => r.auth === "on-behalf-of-user")) {
    lines.push(
      "on-behalf-of-user volumes run with each user's own grants: the service principal's grants don't apply to them.",
    );
  }
  const problems = results.filter((r) => r.status !== "ok");
  if (problems.length === 0) {
    lines.push(results.length === 0 ? "No volumes are configured." : "All volumes are ready.");
    return lines.join("\n");
  }
  lines.push("", `Problems (${problems.length}):`);
  for (const r of problems) {
    lines.push(`  ${r.key} (${r.fullName}): ${r.status}`);
    for (const check of r.checks) if (check.severity) lines.push(`    ${check.name}: ${check.detail}`);
    for (const fix of r.fixes) lines.push(`    fix: ${fix}`);
  }
  return lines.join("\n");
}
