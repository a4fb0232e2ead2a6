// The per-workspace upload protocol setting (option, LOCAL_WORKSPACE_UPLOADS, test hook) and the
// session store's lifetime rules.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorSettingsFromEnv, STAGING_DIR_NAME, startEmulator } from "./index.js";
import { send } from "./test-support/http.js";
import { uploadClient } from "./test-support/uploads.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";
import { defaultUploadMode, parseUploadMode } from "./upload-sessions.js";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startTestWorkspace({ rateLimit: false });
});
afterAll(() => ws.close());

describe("upload mode setting", () => {
  it("defaults to the cloud's protocol; LOCAL_WORKSPACE_UPLOADS overrides it", () => {
    expect(defaultUploadMode("aws")).toBe("multipart");
    expect(defaultUploadMode("azure")).toBe("multipart");
    expect(defaultUploadMode("gcp")).toBe("resumable");
    expect(parseUploadMode(undefined)).toBeUndefined();
    expect(parseUploadMode(" None ")).toBe("none");
    expect(() => parseUploadMode("chunked")).toThrow(/LOCAL_WORKSPACE_UPLOADS/);
    expect(emulatorSettingsFromEnv({ LOCAL_WORKSPACE_UPLOADS: "resumable" })).toMatchObject({
      uploads: "resumable",
    });
    expect(emulatorSettingsFromEnv({}).uploads).toBeUndefined();
  });

  it("the hook reads and changes mode and session lifetime, and refuses bad input", async () => {
    const base = ws.emulator.url;
    const got = await send(base, { path: "/__emulator/uploads" });
    expect(got.json()).toMatchObject({ mode: "multipart", sessionTtlMs: 7 * 24 * 3600_000 });
    const set = await send(base, {
      method: "PUT",
      path: "/__emulator/uploads",
      body: JSON.stringify({ mode: "resumable", sessionTtlMs: 60_000 }),
    });
    expect(set.json()).toMatchObject({ mode: "resumable", sessionTtlMs: 60_000 });
    const init = await uploadClient(base, ws.tokens.alice).initiate(`${MAIN_ROOT}/hook.bin`);
    expect(Object.keys(init.json() as object)).toEqual(["resumable_upload"]);
    for (const bad of [{ mode: "chunked" }, { sessionTtlMs: 0 }, { sessionTtlMs: "1" }]) {
      const res = await send(base, { method: "PUT", path: "/__emulator/uploads", body: JSON.stringify(bad) });
      expect(res.status).toBe(400);
    }
    await send(base, {
      method: "PUT",
      path: "/__emulator/uploads",
      body: JSON.stringify({ mode: null, sessionTtlMs: 7 * 24 * 3600_000 }),
    });
    expect(ws.emulator.uploads.mode()).toBe("multipart");
  });

  it("the hook does not exist without testHooks", async () => {
    const plain = await startTestWorkspace({ testHooks: false });
    try {
      expect((await send(plain.emulator.url, { path: "/__emulator/uploads" })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("session staging", () => {
  it("a restart drops the staging of sessions in flight (they live in memory)", async () => {
    const client = uploadClient(ws.emulator.url, ws.tokens.alice);
    await client.sessionToken(`${MAIN_ROOT}/restart.bin`);
    const uploads = path.join(ws.dir, STAGING_DIR_NAME, "uploads");
    expect((await readdir(uploads)).length).toBeGreaterThan(0);
    // A second emulator on the same workspace directory starts clean.
    const again = await startEmulator({ workspaceDir: ws.dir });
    try {
      expect(await readdir(uploads).catch(() => [])).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
