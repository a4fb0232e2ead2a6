import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCloud } from "./cloud.js";
import { dirsUrl, filesUrl, reasonOf, send } from "./test-support/http.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

async function scenario(ws: TestWorkspace, root: string) {
  const call = (method: string, path: string, body?: string) =>
    send(ws.emulator.url, { method, path, token: ws.tokens.alice, body });
  expect((await call("PUT", filesUrl(`${root}/a/b/only.txt`), "x")).status).toBe(204);
  expect((await call("PUT", dirsUrl(`${root}/kept`))).status).toBe(204);
  expect((await call("DELETE", filesUrl(`${root}/a/b/only.txt`))).status).toBe(204);
  return {
    b: await call("HEAD", dirsUrl(`${root}/a/b`)),
    a: await call("HEAD", dirsUrl(`${root}/a`)),
    deleteB: await call("DELETE", dirsUrl(`${root}/a/b`)),
    kept: await call("HEAD", dirsUrl(`${root}/kept`)),
  };
}

describe("cloud differences", () => {
  let aws: TestWorkspace;
  let gcp: TestWorkspace;
  beforeAll(async () => {
    aws = await startTestWorkspace();
    gcp = await startTestWorkspace({ cloud: "gcp" });
  });
  afterAll(async () => {
    await aws.close();
    await gcp.close();
  });

  it("aws (the default) keeps a directory when its last child is deleted", async () => {
    expect(aws.emulator.cloud).toBe("aws");
    const r = await scenario(aws, MAIN_ROOT);
    expect([r.b.status, r.a.status, r.deleteB.status, r.kept.status]).toEqual([200, 200, 204, 200]);
  });

  it("gcp drops directories emptied by a delete, and deleting one then is 404 FILES_API_DIRECTORY_IS_NOT_FOUND", async () => {
    const r = await scenario(gcp, MAIN_ROOT);
    expect([r.b.status, r.a.status, r.deleteB.status]).toEqual([404, 404, 404]);
    expect(reasonOf(r.deleteB)).toBe("FILES_API_DIRECTORY_IS_NOT_FOUND");
    // A directory made empty by mkdir, not by a delete, stays; so does the volume root.
    expect(r.kept.status).toBe(200);
    expect(
      (await send(gcp.emulator.url, { method: "HEAD", path: dirsUrl(MAIN_ROOT), token: gcp.tokens.alice }))
        .status,
    ).toBe(200);
  });

  it("parses LOCAL_WORKSPACE_CLOUD", () => {
    expect(parseCloud(undefined)).toBe("aws");
    expect(parseCloud("GCP")).toBe("gcp");
    expect(() => parseCloud("oracle")).toThrow(/LOCAL_WORKSPACE_CLOUD/);
  });
});
