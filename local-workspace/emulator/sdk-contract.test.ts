// The emulator against the real `@databricks/sdk-experimental` client, with a PAT and with OAuth
// M2M. `env: {}` keeps DATABRICKS_* variables of the machine out of the client's config.
import http from "node:http";
import { ApiError, WorkspaceClient } from "@databricks/sdk-experimental";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dirsUrl, encodePath, filesUrl, send } from "./test-support/http.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await startTestWorkspace();
});
afterAll(() => ws.close());

const patClient = (token: string) =>
  new WorkspaceClient({ host: ws.emulator.url, token, authType: "pat", env: {} });
const m2mClient = (clientSecret = ws.principals.servicePrincipal.clientSecret) =>
  new WorkspaceClient({
    host: ws.emulator.url,
    clientId: ws.principals.servicePrincipal.applicationId,
    clientSecret,
    authType: "oauth-m2m",
    env: {},
  });

/** Uploads the way the app must (docs/databricks-files-api.md, SDK trap 1): our own streaming request, SDK-made auth header. */
async function uploadWithSdkAuth(w: WorkspaceClient, volumePath: string, body: string): Promise<number> {
  const headers = new Headers();
  await w.config.authenticate(headers);
  const url = new URL(ws.emulator.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: "PUT",
        path: `/api/2.0/fs/files${encodePath(volumePath)}`,
        headers: {
          authorization: headers.get("authorization") ?? "",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe.each([
  ["a PAT", () => patClient(ws.tokens.alice)],
  ["OAuth M2M", () => m2mClient()],
])("the SDK with %s", (label, makeClient) => {
  const dir = `${MAIN_ROOT}/sdk-${label === "a PAT" ? "pat" : "m2m"}`;

  it("runs the Files API round trip", async () => {
    const w = makeClient();
    await w.files.createDirectory({ directory_path: `${dir}/sub` });
    await w.files.getDirectoryMetadata({ directory_path: `${dir}/sub` });
    expect(await uploadWithSdkAuth(w, `${dir}/hello world.csv`, "a,b\n1,2\n")).toBe(204);

    const meta = await w.files.getMetadata({ file_path: `${dir}/hello world.csv` });
    // SDK trap 7: content-length comes back as a string.
    expect(meta["content-length"]).toBe("8");
    expect(meta["content-type"]).toBe("application/octet-stream");
    expect(Date.parse(meta["last-modified"] ?? "")).not.toBeNaN();

    const download = await w.files.download({ file_path: `${dir}/hello world.csv` });
    expect(await new Response(download.contents).text()).toBe("a,b\n1,2\n");

    const entries = await collect(w.files.listDirectoryContents({ directory_path: dir }));
    expect(entries.map((e) => [e.name, e.is_directory, e.file_size]).sort()).toEqual([
      ["hello world.csv", false, 8],
      ["sub", true, undefined],
    ]);

    await w.files.delete({ file_path: `${dir}/hello world.csv` });
    await w.files.deleteDirectory({ directory_path: `${dir}/sub` });
    const gone = await caught(w.files.getMetadata({ file_path: `${dir}/hello world.csv` }));
    expect(gone.statusCode).toBe(404);
  });

  it("answers currentUser.me()", async () => {
    const me = await makeClient().currentUser.me();
    const expected =
      label === "a PAT"
        ? ws.principals.users.find((u) => u.userName.startsWith("alice@"))?.userName
        : ws.principals.servicePrincipal.applicationId;
    expect(me.userName).toBe(expected);
  });
});

describe("SDK error objects", () => {
  it("404 keeps statusCode; without details[].metadata the errorCode falls back to the status text (trap 4)", async () => {
    const w = patClient(ws.tokens.alice);
    const err = await caught(w.files.download({ file_path: `${MAIN_ROOT}/missing.txt` }));
    expect(err.statusCode).toBe(404);
    expect(err.errorCode).toBe("Not Found");
    // The real error code is still in the raw body, where the app must re-read it.
    expect(JSON.parse(String(err.response))).toMatchObject({ error_code: "NOT_FOUND" });
  });

  it("403s parse into errorCode and message; an invalid token's errorCode is a number", async () => {
    const denied = await caught(
      patClient(ws.tokens.carol).files.getDirectoryMetadata({ directory_path: MAIN_ROOT }),
    );
    expect(denied.statusCode).toBe(403);
    const listDenied = await caught(
      collect(patClient(ws.tokens.carol).files.listDirectoryContents({ directory_path: MAIN_ROOT })),
    );
    expect(listDenied.errorCode).toBe("PERMISSION_DENIED");
    expect(listDenied.message).toBe("User does not have READ VOLUME on Volume 'main.default.files'.");
    // An unknown token: 403 with error_code the *number* 403 (databricks-sdk-go issue 917). The
    // SDK passes the number through as errorCode, so code that compares it with strings misses it.
    const unauth = await caught(patClient("dapi-unknown").currentUser.me());
    expect(unauth.statusCode).toBe(403);
    expect(unauth.errorCode).toBe(403);
    expect(unauth.message).toBe("Invalid access token.");
  });

  it("OAuth M2M with a wrong secret fails to get a token", async () => {
    await expect(m2mClient("wrong").currentUser.me()).rejects.toThrow(/invalid_client/);
  });
});

describe("SDK traps the emulator reproduces", () => {
  it("trap 1: files.upload sends no body, leaving an empty file", async () => {
    const w = patClient(ws.tokens.alice);
    const p = `${MAIN_ROOT}/trap1.txt`;
    const contents = new Blob(["real content"]).stream();
    await w.files.upload({ file_path: p, contents: contents as never });
    const res = await send(ws.emulator.url, { path: filesUrl(p), token: ws.tokens.alice });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
  });

  it("trap 6: listDirectoryContents stops at an empty page that still has a token", async () => {
    const w = patClient(ws.tokens.alice);
    const dir = `${MAIN_ROOT}/trap6`;
    for (const name of ["a", "b", "c"]) await uploadWithSdkAuth(w, `${dir}/${name}`, name);
    ws.emulator.faults.add({ method: "GET", pathPrefix: dir, emptyPage: true });
    expect(await collect(w.files.listDirectoryContents({ directory_path: dir }))).toEqual([]);

    // Paging explicitly until the token is gone finds everything.
    ws.emulator.faults.add({ method: "GET", pathPrefix: dir, emptyPage: true });
    const names: string[] = [];
    let pageToken: string | undefined;
    do {
      const query = `?page_size=2${pageToken ? `&page_token=${pageToken}` : ""}`;
      const res = await send(ws.emulator.url, { path: `${dirsUrl(dir)}${query}`, token: ws.tokens.alice });
      const page = res.json() as { contents?: Array<{ name: string }>; next_page_token?: string };
      names.push(...(page.contents ?? []).map((c) => c.name));
      pageToken = page.next_page_token;
    } while (pageToken);
    expect(names).toEqual(["a", "b", "c"]);
  });
});
