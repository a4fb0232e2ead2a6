import Value from "typebox/value";
import { describe, expect, it } from "vitest";
import { formatDiagnosticsTable } from "./format-table.js";
import { DiagnosticsResponseSchema, diagnosticsForResponse, isDiagnosticsAdmin } from "./response.js";
import type { VolumeDiagnostics } from "./types.js";

const GiB = 1024 ** 3;
const sp = { id: "7391", userName: "1f2e3d4c-app-id", displayName: "volumes-browser" };

const healthy: VolumeDiagnostics = {
  key: "shared",
  path: "/Volumes/main/demo/shared",
  fullName: "main.demo.shared",
  auth: "service-principal",
  policy: "public-read",
  policyAllowsWrites: false,
  maxUploadSize: 5 * GiB,
  maxUploadSizeLabel: "5 GiB",
  status: "ok",
  checks: [
    { name: "exists", ok: true, detail: "/Volumes/main/demo/shared exists" },
    { name: "readable", ok: true, detail: "listing works" },
    {
      name: "writable",
      ok: null,
      detail: "not needed: the policy allows no writes, so READ VOLUME is enough",
    },
  ],
  fixes: [],
};

const broken: VolumeDiagnostics = {
  key: "inbox",
  path: "/Volumes/main/demo/inbox",
  fullName: "main.demo.inbox",
  auth: "service-principal",
  policy: 'any(actions(read-actions), own-folder("users/{email}/"))',
  policyAllowsWrites: true,
  maxUploadSize: 500 * 1024 ** 2,
  maxUploadSizeLabel: "500 MiB",
  status: "error",
  checks: [
    {
      name: "exists",
      ok: null,
      detail: "cannot tell: Unity Catalog denied the service principal (see readable)",
    },
    {
      name: "readable",
      ok: false,
      detail: "Unity Catalog refused: User does not have READ VOLUME on Volume 'main.demo.inbox'.",
      severity: "error",
    },
    { name: "writable", ok: null, detail: "not checked: reading already fails" },
  ],
  fixes: [
    "grant READ VOLUME and WRITE VOLUME on main.demo.inbox to the app's service principal 1f2e3d4c-app-id",
  ],
};

const asUser: VolumeDiagnostics = {
  ...healthy,
  key: "uploads",
  path: "/Volumes/main/demo/uploads",
  fullName: "main.demo.uploads",
  auth: "on-behalf-of-user",
  policy: "allow-all",
  policyAllowsWrites: true,
  checks: [
    { name: "exists", ok: true, detail: "exists" },
    { name: "readable", ok: null, detail: "runs as each user" },
    { name: "writable", ok: null, detail: "runs as each user" },
    { name: "user-scope", ok: null, detail: "cannot be checked from inside the app" },
  ],
};

describe("formatDiagnosticsTable", () => {
  it("prints one aligned table, then each problem with its fix", () => {
    const text = formatDiagnosticsTable([healthy, broken, asUser], { spIdentity: sp });
    expect(text.split("\n")).toEqual([
      `Volume diagnostics (checked as the app's service principal "volumes-browser" (application id 1f2e3d4c-app-id)):`,
      "VOLUME   PATH                        MODE               POLICY                                            LIMIT    STATUS  CHECKS",
      "shared   /Volumes/main/demo/shared   service-principal  public-read                                       5 GiB    ok      exists:ok read:ok write:n/a",
      'inbox    /Volumes/main/demo/inbox    service-principal  any(actions(read-actions), own-folder("users/...  500 MiB  ERROR   exists:? read:FAILED write:?',
      "uploads  /Volumes/main/demo/uploads  on-behalf-of-user  allow-all                                         5 GiB    ok      exists:ok read:as-user write:as-user scope:?",
      "on-behalf-of-user volumes run with each user's own grants: the service principal's grants don't apply to them.",
      "",
      "Problems (1):",
      "  inbox (main.demo.inbox): error",
      "    readable: Unity Catalog refused: User does not have READ VOLUME on Volume 'main.demo.inbox'.",
      "    fix: grant READ VOLUME and WRITE VOLUME on main.demo.inbox to the app's service principal 1f2e3d4c-app-id",
    ]);
  });

  it("ends with a one-line verdict when nothing needs fixing", () => {
    expect(formatDiagnosticsTable([healthy]).split("\n").at(-1)).toBe("All volumes are ready.");
    expect(formatDiagnosticsTable([])).toContain("No volumes are configured.");
  });
});

describe("diagnosticsForResponse", () => {
  it("is the results plus the worst status, who checked, when, and the log text; it matches its schema", () => {
    const checkedAt = new Date("2026-01-02T03:04:05.000Z");
    const body = diagnosticsForResponse([healthy, broken], { spIdentity: sp, checkedAt });
    expect(body).toMatchObject({
      checkedAt: "2026-01-02T03:04:05.000Z",
      status: "error",
      servicePrincipal: sp,
      volumes: [healthy, broken],
    });
    expect(body.text).toBe(formatDiagnosticsTable([healthy, broken], { spIdentity: sp }));
    expect(Value.Check(DiagnosticsResponseSchema, JSON.parse(JSON.stringify(body)))).toBe(true);
  });
});

describe("isDiagnosticsAdmin", () => {
  const admins = ["alice@example.com", "ops-team"];
  it("admits calls as the service principal and the people FILES_ADMINS names, ignoring case", () => {
    expect(isDiagnosticsAdmin([], { id: "sp", isServicePrincipal: true })).toBe(true);
    expect(
      isDiagnosticsAdmin(admins, { id: "1@2", email: "Alice@Example.com", isServicePrincipal: false }),
    ).toBe(true);
    expect(isDiagnosticsAdmin(admins, { id: "3@2", userName: "OPS-team", isServicePrincipal: false })).toBe(
      true,
    );
  });
  it("refuses everyone else", () => {
    expect(
      isDiagnosticsAdmin(admins, { id: "4@2", email: "bob@example.com", isServicePrincipal: false }),
    ).toBe(false);
    expect(isDiagnosticsAdmin([], { id: "5@2", email: "alice@example.com", isServicePrincipal: false })).toBe(
      false,
    );
  });
});
