// GET /api/files/volumes?diagnostics=true: the startup checks on demand, for admins only, fed by
// what on-behalf-of-user traffic has shown about user authorization.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import type { DiagnosticsResponse } from "../../diagnostics/index.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

interface WithDiagnostics {
  volumes: string[];
  diagnostics?: DiagnosticsResponse;
}

describe("volumes diagnostics", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { FILES_ADMINS: "alice@example.com" } });
  });
  afterAll(() => stack?.close());

  it("is refused to people who are not admins, and absent without the flag", async () => {
    const bob = await stack.fetch("bob", "/api/files/volumes?diagnostics=true");
    expect(bob.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(bob)).code).toBe("ADMINS_ONLY");
    const plain = await jsonOf<WithDiagnostics>(await stack.fetch("alice", "/api/files/volumes"));
    expect(plain.diagnostics).toBeUndefined();
  });

  it("checks every volume as the service principal for an admin and for header-less calls", async () => {
    for (const who of ["alice", "direct"] as const) {
      const res = await stack.fetch(who, "/api/files/volumes?diagnostics=true");
      expect(res.status).toBe(200);
      const { diagnostics } = await jsonOf<WithDiagnostics>(res);
      const byKey = Object.fromEntries((diagnostics?.volumes ?? []).map((v) => [v.key, v]));
      expect(Object.keys(byKey).sort()).toEqual(["inbox", "shared", "uploads"]);
      expect(byKey.shared?.status).toBe("ok");
      expect(byKey.inbox?.checks.find((c) => c.name === "writable")?.ok).toBe(true);
      expect(diagnostics?.text).toMatch(/shared/);
    }
  });

  it("reports user authorization as working once a user's token was accepted", async () => {
    expect((await stack.fetch("alice", "/api/files/uploads/list")).status).toBe(200);
    const { diagnostics } = await jsonOf<WithDiagnostics>(
      await stack.fetch("alice", "/api/files/volumes?diagnostics=true"),
    );
    const uploads = diagnostics?.volumes.find((v) => v.key === "uploads");
    expect(uploads?.checks.find((c) => c.name === "user-scope")?.ok).toBe(true);
  });

  it("names the missing grant and its fix when the service principal lost one", async () => {
    const principals = stack.workspace.principals();
    const grants = principals.volumes["main.demo.shared"]?.grants ?? {};
    delete grants[principals.servicePrincipal.applicationId];
    const { writePrincipals } = await import("../../../local-workspace/principals.js");
    await writePrincipals(stack.workspaceDir, principals);
    // The emulator re-reads principals.json when it changes (checked at most every 500 ms):
    // wait until it refuses the SP, however slow the machine.
    const deadline = Date.now() + 10_000;
    const listAsSp = () =>
      fetch(`${stack.info.emulatorUrl}/api/2.0/fs/directories/Volumes/main/demo/shared/`, {
        headers: { authorization: `Bearer ${stack.info.servicePrincipal.token}` },
      });
    while ((await listAsSp()).status !== 403) {
      if (Date.now() > deadline) throw new Error("the emulator never applied the edited grants");
      await new Promise((r) => setTimeout(r, 100));
    }
    const { diagnostics } = await jsonOf<WithDiagnostics>(
      await stack.fetch("direct", "/api/files/volumes?diagnostics=true"),
    );
    const shared = diagnostics?.volumes.find((v) => v.key === "shared");
    expect(shared?.status).toBe("error");
    expect(shared?.fixes.join("\n")).toMatch(/READ VOLUME on main\.demo\.shared/);
  });
});
