// `@databricks/sdk-experimental` 0.17.0, unchanged, against the emulator with a PAT and with OAuth
// M2M (the app's own service principal path). Adds to emulator/sdk-contract.test.ts, which covers
// the round trip, currentUser.me() and the SDK traps: here paging, directories, the 404/409/403
// errors the SDK surfaces, and the workspace id header clients read from SCIM Me.
//
// SDK traps met on the way (numbers as in docs/files-api.md): uploads go through our own request
// with the SDK's auth header (1); `statusCode` is reliable but `errorCode` is the status text, the
// real code is in the raw body (4); `listDirectoryContents` pages by itself but stops early on an
// empty page (6, see sdk-contract.test.ts).
import { ApiError, WorkspaceClient } from "@databricks/sdk-experimental";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCIM_ME_PATH } from "../emulator/server.js";
import { filesUrl, send } from "../emulator/test-support/http.js";
import {
  MAIN_ROOT,
  OTHER_ROOT,
  startTestWorkspace,
  type TestWorkspace,
} from "../emulator/test-support/workspace.js";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startTestWorkspace();
});
afterAll(() => ws.close());

// `env: {}` keeps the machine's DATABRICKS_* variables out of the client's config.
const clients = {
  pat: () => new WorkspaceClient({ host: ws.emulator.url, token: ws.tokens.alice, authType: "pat", env: {} }),
  m2m: () =>
    new WorkspaceClient({
      host: ws.emulator.url,
      clientId: ws.principals.servicePrincipal.applicationId,
      clientSecret: ws.principals.servicePrincipal.clientSecret,
      authType: "oauth-m2m",
      env: {},
    }),
};

/** PUT with the SDK's own auth header (trap 1: `files.upload` sends no body). */
async function put(w: WorkspaceClient, volumePath: string, body: string, overwrite = true): Promise<number> {
  const headers = new Headers();
  await w.config.authenticate(headers);
  const res = await send(ws.emulator.url, {
    method: "PUT",
    path: `${filesUrl(volumePath)}?overwrite=${overwrite}`,
    headers: { authorization: headers.get("authorization") ?? "" },
    body,
  });
  return res.status;
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: unknown }> {
  try {
    await promise;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // Trap 4: the Files API's error code is read from the raw body, not `errorCode`.
    // `response` is the body text on some paths, the parsed body on others, and "" for HEAD.
    const body: unknown =
      typeof err.response === "string" ? (err.response ? JSON.parse(err.response) : {}) : err.response;
    const raw = (body ?? {}) as { error_code?: unknown };
    return { status: err.statusCode, code: raw.error_code };
  }
  throw new Error("expected the call to fail");
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe.each(Object.keys(clients) as Array<keyof typeof clients>)("the SDK with %s auth", (auth) => {
  const dir = `${MAIN_ROOT}/sdk-client-${auth}`;
  const client = () => clients[auth]();

  it("reads the workspace id from SCIM Me's X-Databricks-Org-Id, as AppKit and the Python SDK do", async () => {
    const response = await client().apiClient.request({
      path: SCIM_ME_PATH,
      method: "GET",
      headers: new Headers(),
      raw: false,
      query: {},
      responseHeaders: ["x-databricks-org-id"],
    });
    expect((response as Record<string, unknown>)["x-databricks-org-id"]).toBe(ws.principals.workspaceId);
  });

  it("lists a directory across pages", async () => {
    const w = client();
    const names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"];
    for (const name of names) expect(await put(w, `${dir}/paged/${name}`, name)).toBe(204);
    const before = ws.emulator.stats.requestCount({ method: "GET", pathPrefix: `${dir}/paged` });
    const entries = await collect(
      w.files.listDirectoryContents({ directory_path: `${dir}/paged`, page_size: 2 }),
    );
    expect(entries.map((e) => e.name).sort()).toEqual(names);
    // Three pages of at most two: the SDK followed next_page_token twice.
    expect(ws.emulator.stats.requestCount({ method: "GET", pathPrefix: `${dir}/paged` }) - before).toBe(3);
  });

  it("creates, inspects (HEAD), lists and deletes directories", async () => {
    const w = client();
    await w.files.createDirectory({ directory_path: `${dir}/tree/one/two` });
    await w.files.getDirectoryMetadata({ directory_path: `${dir}/tree/one` });
    const listed = await collect(w.files.listDirectoryContents({ directory_path: `${dir}/tree` }));
    expect(listed.map((e) => [e.name, e.is_directory, e.path])).toEqual([["one", true, `${dir}/tree/one`]]);
    await w.files.deleteDirectory({ directory_path: `${dir}/tree/one/two` });
    await w.files.deleteDirectory({ directory_path: `${dir}/tree/one` });
    // A HEAD answer has no body, so only the status says what happened.
    expect(await failure(w.files.getDirectoryMetadata({ directory_path: `${dir}/tree/one` }))).toEqual({
      status: 404,
      code: undefined,
    });
  });

  it("surfaces 404 and 409 with the Files API's codes", async () => {
    const w = client();
    expect(await failure(w.files.getMetadata({ file_path: `${dir}/missing.csv` }))).toEqual({
      status: 404,
      code: undefined,
    });
    expect(await failure(w.files.download({ file_path: `${dir}/missing.csv` }))).toEqual({
      status: 404,
      code: "NOT_FOUND",
    });
    expect(await put(w, `${dir}/taken.txt`, "first")).toBe(204);
    expect(await put(w, `${dir}/taken.txt`, "second", false)).toBe(409);
    expect(await failure(w.files.createDirectory({ directory_path: `${dir}/taken.txt` }))).toEqual({
      status: 409,
      code: "ALREADY_EXISTS",
    });
  });

  it("gets 403 where the principal has no grant", async () => {
    // carol has no grant on the main volume; the service principal only reads the other one.
    const [w, where] =
      auth === "pat"
        ? [
            new WorkspaceClient({ host: ws.emulator.url, token: ws.tokens.carol, authType: "pat", env: {} }),
            MAIN_ROOT,
          ]
        : [client(), OTHER_ROOT];
    const denied = await failure(w.files.createDirectory({ directory_path: `${where}/not-mine` }));
    expect(denied).toEqual({ status: 403, code: "PERMISSION_DENIED" });
  });
});
