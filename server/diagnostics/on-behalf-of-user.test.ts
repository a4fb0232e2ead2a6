// On-behalf-of-user volumes: the SP's grants don't decide access, the user scope does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userCredentials } from "../databricks/credentials.js";
import { createFilesClient } from "../databricks/files-client.js";
import { diagnoseVolumes } from "./diagnose-volumes.js";
import { USER_SCOPE_FIX } from "./fixes.js";
import { type DiagnosticsWorkspace, startDiagnosticsWorkspace } from "./test-support/workspace.js";
import type { VolumeDiagnostics } from "./types.js";
import { isMissingScopeError, UserAuthSignals } from "./user-auth-signals.js";

let ws: DiagnosticsWorkspace;

beforeAll(async () => {
  ws = await startDiagnosticsWorkspace([
    { fullName: "main.demo.uploads", spGrants: ["READ_VOLUME"] },
    { fullName: "main.demo.private", spGrants: [] },
  ]);
});
afterAll(() => ws?.close());

const ENV = {
  DATABRICKS_VOLUME_UPLOADS: "/Volumes/main/demo/uploads",
  DATABRICKS_VOLUME_PRIVATE: "/Volumes/main/demo/private",
  FILES_AUTH: "on-behalf-of-user",
  FILES_POLICY: "allow-all",
};

async function run(extra: { userApiScopes?: string[]; userAuthSignals?: UserAuthSignals } = {}) {
  const results = await diagnoseVolumes({
    volumes: ws.volumes(ENV),
    spFiles: ws.spFiles,
    spIdentity: ws.spIdentity,
    ...extra,
  });
  const get = (key: string) => results.find((r) => r.key === key) as VolumeDiagnostics;
  return { uploads: get("uploads"), private: get("private") };
}

const check = (result: VolumeDiagnostics, name: string) => result.checks.find((c) => c.name === name);

describe("diagnoseVolumes: on-behalf-of-user volumes", () => {
  it("says the SP's grants don't apply, and a volume the SP cannot see is still ok", async () => {
    const { uploads, private: hidden } = await run();
    expect(uploads.status).toBe("ok");
    expect(check(uploads, "exists")?.ok).toBe(true);
    expect(check(uploads, "readable")).toMatchObject({
      ok: null,
      detail: expect.stringContaining("the service principal's grants don't apply"),
    });
    expect(check(uploads, "writable")?.detail).toContain("WRITE VOLUME on main.demo.uploads for that user");
    expect(hidden.status).toBe("ok");
    expect(check(hidden, "exists")).toMatchObject({
      ok: null,
      detail: expect.stringContaining("cannot tell"),
    });
    // The scope is invisible from inside the app: not guessed either way.
    expect(check(uploads, "user-scope")).toMatchObject({
      ok: null,
      detail: expect.stringContaining("files.files"),
    });
  });

  it("uses user_api_scopes when the caller knows them", async () => {
    expect(check((await run({ userApiScopes: ["files.files"] })).uploads, "user-scope")?.ok).toBe(true);
    const { uploads } = await run({ userApiScopes: ["iam.current-user:read"] });
    expect(uploads.status).toBe("error");
    expect(uploads.fixes).toEqual([USER_SCOPE_FIX]);
    expect(USER_SCOPE_FIX).toContain("add files.files to user_api_scopes");
  });

  it("turns a request without a user token into 'user authorization is not enabled'", async () => {
    const signals = new UserAuthSignals();
    signals.note("uploads", "token-missing");
    const { uploads, private: other } = await run({ userAuthSignals: signals });
    expect(uploads.status).toBe("error");
    expect(check(uploads, "user-scope")?.detail).toContain("user authorization is not enabled");
    expect(other.status).toBe("ok");
  });

  it("does not blame user authorization for run-local, which never forwards a token", async () => {
    const signals = new UserAuthSignals();
    signals.note("uploads", "token-missing-run-local");
    const { uploads } = await run({ userAuthSignals: signals });
    expect(uploads.status).toBe("warning");
    const detail = check(uploads, "user-scope")?.detail ?? "";
    expect(detail).toContain("databricks apps run-local");
    expect(detail).not.toContain("user authorization is not enabled");
  });

  it("recognises the Files API's missing-scope 403 and reports it with the fix", async () => {
    ws.emulator.faults.add({
      pathPrefix: "/Volumes/main/demo/uploads",
      status: 403,
      errorCode: "PERMISSION_DENIED",
      message: "Provided OAuth token does not have required scopes: files.files",
    });
    const aliceToken = ws.principals.users[0]?.token ?? "";
    const userFiles = createFilesClient({
      credentials: userCredentials(ws.spConfig, aliceToken),
      retries: { max: 0 },
    });
    const signals = new UserAuthSignals();
    const failure = await userFiles.listPage("/Volumes/main/demo/uploads").then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isMissingScopeError(failure)).toBe(true);
    signals.noteOutcome("uploads", failure);
    const { uploads } = await run({ userAuthSignals: signals });
    expect(check(uploads, "user-scope")).toMatchObject({ ok: false, severity: "error" });
    expect(uploads.fixes).toEqual([USER_SCOPE_FIX]);

    await userFiles.listPage("/Volumes/main/demo/uploads");
    signals.noteOutcome("uploads");
    expect(check((await run({ userAuthSignals: signals })).uploads, "user-scope")?.ok).toBe(true);
  });
});
