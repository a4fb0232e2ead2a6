// Service-principal volumes checked against the emulator: healthy, missing grant, missing volume,
// a write policy with only READ VOLUME, a hanging volume, rejected credentials.
import { Config } from "@databricks/sdk-experimental";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkCredentials } from "../databricks/credentials.js";
import { createFilesClient } from "../databricks/files-client.js";
import { diagnoseVolumes } from "./diagnose-volumes.js";
import { type DiagnosticsWorkspace, startDiagnosticsWorkspace } from "./test-support/workspace.js";
import type { VolumeDiagnostics } from "./types.js";

let ws: DiagnosticsWorkspace;

beforeAll(async () => {
  ws = await startDiagnosticsWorkspace([
    { fullName: "main.demo.healthy", spGrants: ["READ_VOLUME", "WRITE_VOLUME"] },
    { fullName: "main.demo.reference", spGrants: ["READ_VOLUME"] },
    { fullName: "main.demo.nogrant", spGrants: [] },
    { fullName: "main.demo.readonly", spGrants: ["READ_VOLUME"] },
    { fullName: "main.demo.slow", spGrants: ["READ_VOLUME", "WRITE_VOLUME"] },
    { fullName: "main.demo.missing" }, // not in the workspace
  ]);
});
afterAll(() => ws?.close());

const ENV = {
  DATABRICKS_VOLUME_HEALTHY: "/Volumes/main/demo/healthy",
  FILES_HEALTHY_POLICY: "allow-all",
  DATABRICKS_VOLUME_REFERENCE: "main.demo.reference",
  FILES_REFERENCE_POLICY: "public-read",
  DATABRICKS_VOLUME_NOGRANT: "/Volumes/main/demo/nogrant",
  FILES_NOGRANT_POLICY: "public-read",
  DATABRICKS_VOLUME_READONLY: "/Volumes/main/demo/readonly",
  FILES_READONLY_POLICY: 'any(actions(read-actions), own-folder("users/{email}/"))',
  DATABRICKS_VOLUME_MISSING: "/Volumes/main/demo/missing",
  FILES_MISSING_POLICY: "public-read",
};

function byKey(results: VolumeDiagnostics[], key: string): VolumeDiagnostics {
  const found = results.find((r) => r.key === key);
  if (!found) throw new Error(`no result for ${key}`);
  return found;
}

const check = (result: VolumeDiagnostics, name: string) => result.checks.find((c) => c.name === name);

describe("diagnoseVolumes: service-principal volumes", () => {
  let results: VolumeDiagnostics[];
  beforeAll(async () => {
    results = await diagnoseVolumes({
      volumes: ws.volumes(ENV),
      spFiles: ws.spFiles,
      spIdentity: ws.spIdentity,
    });
  });

  it("reports a healthy read-write volume as ok, with a write probe that leaves nothing behind", async () => {
    const healthy = byKey(results, "healthy");
    expect(healthy).toMatchObject({
      path: "/Volumes/main/demo/healthy",
      fullName: "main.demo.healthy",
      auth: "service-principal",
      policy: "allow-all",
      policyAllowsWrites: true,
      status: "ok",
      fixes: [],
    });
    expect(healthy.checks.map((c) => [c.name, c.ok])).toEqual([
      ["exists", true],
      ["readable", true],
      ["writable", true],
    ]);
    expect(await ws.entriesOnDisk("main.demo.healthy")).toEqual([]);
  });

  it("does not probe writes where the policy allows none, so READ VOLUME is enough", () => {
    const reference = byKey(results, "reference");
    expect(reference.status).toBe("ok");
    expect(reference.policyAllowsWrites).toBe(false);
    expect(check(reference, "writable")).toMatchObject({
      ok: null,
      detail: expect.stringMatching(/^not needed/),
    });
  });

  it("names the exact grant, the SQL and the bundle alternative when the SP has no grant", () => {
    const nogrant = byKey(results, "nogrant");
    const appId = ws.principals.servicePrincipal.applicationId;
    expect(nogrant.status).toBe("error");
    expect(check(nogrant, "readable")).toMatchObject({
      ok: false,
      severity: "error",
      detail: expect.stringContaining("User does not have READ VOLUME on Volume 'main.demo.nogrant'."),
    });
    expect(nogrant.fixes[0]).toBe(
      `grant READ VOLUME on main.demo.nogrant to the app's service principal "${ws.spIdentity.displayName}" ` +
        `(application id ${appId}), with USE CATALOG on main and USE SCHEMA on main.demo`,
    );
    expect(nogrant.fixes[1]).toBe(
      `SQL: GRANT USE CATALOG ON CATALOG main TO \`${appId}\`; GRANT USE SCHEMA ON SCHEMA main.demo TO \`${appId}\`; ` +
        `GRANT READ VOLUME ON VOLUME main.demo.nogrant TO \`${appId}\`;`,
    );
    expect(nogrant.fixes[2]).toContain("permission: READ_VOLUME");
  });

  it("flags a write policy whose SP holds only READ VOLUME, and keeps the volume readable", () => {
    const readonly = byKey(results, "readonly");
    expect(readonly.policyAllowsWrites).toBe(true);
    expect(readonly.status).toBe("warning");
    expect(check(readonly, "readable")?.ok).toBe(true);
    expect(check(readonly, "writable")).toMatchObject({
      ok: false,
      detail: expect.stringContaining("User does not have WRITE VOLUME on Volume 'main.demo.readonly'."),
    });
    expect(readonly.fixes).toContain(
      `SQL: GRANT WRITE VOLUME ON VOLUME main.demo.readonly TO \`${ws.principals.servicePrincipal.applicationId}\`;`,
    );
    expect(readonly.fixes.join("\n")).toContain("FILES_READONLY_POLICY=public-read");
  });

  it("reports a volume that does not exist, with how to create or repoint it", () => {
    const missing = byKey(results, "missing");
    expect(missing.status).toBe("error");
    expect(check(missing, "exists")).toMatchObject({ ok: false, severity: "error" });
    expect(missing.fixes[0]).toContain("CREATE VOLUME main.demo.missing");
    expect(missing.fixes[0]).toContain("DATABRICKS_VOLUME_MISSING");
  });
});

describe("diagnoseVolumes: robustness", () => {
  it("a hanging volume times out on its own while the others are still checked", async () => {
    ws.emulator.faults.add({ pathPrefix: "/Volumes/main/demo/slow", hang: true, count: 10 });
    const volumes = ws.volumes({
      DATABRICKS_VOLUME_SLOW: "/Volumes/main/demo/slow",
      DATABRICKS_VOLUME_HEALTHY: "/Volumes/main/demo/healthy",
      FILES_POLICY: "allow-all",
    });
    const started = Date.now();
    try {
      const results = await diagnoseVolumes({
        volumes,
        spFiles: ws.spFiles,
        spIdentity: ws.spIdentity,
        checkTimeoutMs: 400,
      });
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(byKey(results, "healthy").status).toBe("ok");
      const slow = byKey(results, "slow");
      expect(slow.status).toBe("warning");
      expect(check(slow, "exists")).toMatchObject({
        ok: null,
        detail: "could not check: no answer within 0.4 s",
      });
    } finally {
      ws.emulator.faults.clear();
    }
  });

  it("rejected credentials make every volume an error that says so", async () => {
    const badConfig = new Config({
      host: ws.emulator.url,
      token: "dapi-not-a-valid-token",
      authType: "pat",
      loaders: [],
      env: {},
    });
    const results = await diagnoseVolumes({
      volumes: ws.volumes({
        DATABRICKS_VOLUME_HEALTHY: "/Volumes/main/demo/healthy",
        FILES_POLICY: "public-read",
      }),
      spFiles: createFilesClient({ credentials: sdkCredentials(badConfig), retries: { max: 0 } }),
      spIdentity: { id: "client-id" },
    });
    expect(results[0]?.status).toBe("error");
    expect(results[0]?.fixes.join("\n")).toContain("credentials were rejected (401)");
  });

  it("a cancelled run finishes at once and reports the checks as not done", async () => {
    const controller = new AbortController();
    controller.abort();
    const results = await diagnoseVolumes({
      volumes: ws.volumes({
        DATABRICKS_VOLUME_HEALTHY: "/Volumes/main/demo/healthy",
        FILES_POLICY: "public-read",
      }),
      spFiles: ws.spFiles,
      spIdentity: ws.spIdentity,
      signal: controller.signal,
    });
    expect(check(results[0] as VolumeDiagnostics, "exists")?.detail).toContain("cancelled");
  });
});
