import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkCredentials } from "../databricks/credentials.js";
import { fetchCurrentUser } from "../databricks/current-user.js";
import { resolveSpIdentity, runStartupDiagnostics } from "./startup.js";
import { type DiagnosticsWorkspace, startDiagnosticsWorkspace } from "./test-support/workspace.js";

let ws: DiagnosticsWorkspace;
beforeAll(async () => {
  ws = await startDiagnosticsWorkspace([
    { fullName: "main.demo.good", spGrants: ["READ_VOLUME"] },
    { fullName: "main.demo.bad", spGrants: [] },
  ]);
});
afterAll(() => ws?.close());

function recorder() {
  const lines: Array<{ level: "info" | "warn"; text: string }> = [];
  return {
    lines,
    log: {
      info: (text: string) => lines.push({ level: "info", text }),
      warn: (text: string) => lines.push({ level: "warn", text }),
    },
  };
}

describe("runStartupDiagnostics", () => {
  it("logs the table at warn level with the SP named from SCIM /Me when a volume needs a fix", async () => {
    const { lines, log } = recorder();
    const sp = ws.principals.servicePrincipal;
    const outcome = await runStartupDiagnostics({
      volumes: ws.volumes({
        DATABRICKS_VOLUME_GOOD: "main.demo.good",
        DATABRICKS_VOLUME_BAD: "main.demo.bad",
        FILES_POLICY: "public-read",
      }),
      spFiles: ws.spFiles,
      fetchSpIdentity: () => fetchCurrentUser({ credentials: sdkCredentials(ws.spConfig) }),
      clientId: sp.applicationId,
      log,
    });
    expect(outcome.spIdentity).toMatchObject({ userName: sp.applicationId, displayName: sp.displayName });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe("warn");
    expect(lines[0]?.text).toBe(outcome.text);
    expect(outcome.text).toContain(
      `grant READ VOLUME on main.demo.bad to the app's service principal "${sp.displayName}"`,
    );
  });

  it("logs at info level when every volume is ready", async () => {
    const { lines, log } = recorder();
    await runStartupDiagnostics({
      volumes: ws.volumes({ DATABRICKS_VOLUME_GOOD: "main.demo.good", FILES_POLICY: "public-read" }),
      spFiles: ws.spFiles,
      log,
    });
    expect(lines.map((l) => l.level)).toEqual(["info"]);
    expect(lines[0]?.text).toContain("All volumes are ready.");
  });
});

describe("resolveSpIdentity", () => {
  it("falls back to the client id when SCIM /Me fails or hangs", async () => {
    expect(await resolveSpIdentity(() => Promise.reject(new Error("down")), "client-1")).toEqual({
      id: "client-1",
    });
    const hang = () => new Promise<never>(() => {});
    expect(await resolveSpIdentity(hang, "client-2", 50)).toEqual({ id: "client-2" });
    expect(await resolveSpIdentity(undefined, undefined)).toEqual({ id: "the app's service principal" });
  });
});
