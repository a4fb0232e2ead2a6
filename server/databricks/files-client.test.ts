import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.js";
import { userCredentials } from "./credentials.js";
import type { FilesClient } from "./files-client.js";
import { listAll } from "./list.js";
import { READ_ONLY_ROOT, ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";
import { UpstreamError } from "./upstream-error.js";

const MAX_PUT = 1024 * 1024;
let ws: TestWorkspace;
let client: FilesClient;

beforeAll(async () => {
  ws = await startTestWorkspace({ maxPutBytes: MAX_PUT });
  client = ws.client();
});
afterAll(() => ws.close());
beforeEach(() => {
  ws.emulator.faults.clear();
});

const put = (path: string, content: string, overwrite = false) =>
  client.upload(path, Readable.from([Buffer.from(content)]), { overwrite });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("FilesClient against the emulator", () => {
  it("uploads, reads metadata, downloads, lists and deletes", async () => {
    const dir = `${ROOT}/basic`;
    await client.createDirectory(dir);
    expect(await client.directoryExists(dir)).toBe(true);
    expect(await client.directoryExists(`${ROOT}/nope`)).toBe(false);

    await client.upload(`${dir}/a.csv`, Readable.from([Buffer.from("x,y\n1,2\n")]), {
      overwrite: false,
      contentLength: 8,
    });
    const meta = await client.getMetadata(`${dir}/a.csv`);
    expect(meta.contentLength).toBe(8);
    expect(typeof meta.contentLength).toBe("number");
    expect(meta.contentType).toBeTruthy();
    expect(Date.parse(meta.lastModified ?? "")).not.toBeNaN();

    const download = await client.download(`${dir}/a.csv`);
    expect(download.status).toBe(200);
    expect(download.contentLength).toBe(8);
    expect(await text(download.body)).toBe("x,y\n1,2\n");

    const partial = await client.download(`${dir}/a.csv`, { range: "bytes=2-4" });
    expect(partial.status).toBe(206);
    expect(partial.contentRange).toBe("bytes 2-4/8");
    expect(await text(partial.body)).toBe("y\n1");

    await client.createDirectory(`${dir}/sub`);
    const page = await client.listPage(dir);
    const byName = Object.fromEntries(page.entries.map((e) => [e.name, e]));
    expect(byName["a.csv"]).toMatchObject({ path: `${dir}/a.csv`, isDirectory: false, fileSize: 8 });
    expect(typeof byName["a.csv"]?.lastModified).toBe("number");
    expect(byName.sub).toMatchObject({ path: `${dir}/sub`, isDirectory: true });
    expect(page.nextPageToken).toBeUndefined();

    await client.deleteFile(`${dir}/a.csv`);
    await client.deleteDirectory(`${dir}/sub`);
    expect((await client.listPage(dir)).entries).toEqual([]);
    expect(await ws.readOnDisk(`${dir}/a.csv`)).toBeUndefined();
  });

  it("streams a chunked upload when the length is unknown, and overwrites only when asked", async () => {
    const path = `${ROOT}/chunked.txt`;
    await client.upload(path, Readable.from(["one ", "two ", "three"]), { overwrite: false });
    expect((await ws.readOnDisk(path))?.toString()).toBe("one two three");

    const err = await rejection(put(path, "replaced"));
    expect(err).toMatchObject({
      status: 409,
      code: "ALREADY_EXISTS",
      reason: "FILES_API_FILE_ALREADY_EXISTS",
    });
    expect((await ws.readOnDisk(path))?.toString()).toBe("one two three");

    await put(path, "replaced", true);
    expect((await ws.readOnDisk(path))?.toString()).toBe("replaced");
  });

  it.each([
    "hash#name.txt",
    "question?mark.txt",
    "100% done.txt",
    "semi;colon.txt",
    "spaced  out .txt",
    "日本語のファイル.csv",
    "plus+and&amp=.txt",
    "%2e%2e",
    "..hidden",
  ])("round-trips the name %s", async (name) => {
    const dir = `${ROOT}/names dir #1`;
    const path = `${dir}/${name}`;
    await put(path, `content of ${name}`, true);
    expect((await ws.readOnDisk(path))?.toString()).toBe(`content of ${name}`);
    expect(await text((await client.download(path)).body)).toBe(`content of ${name}`);
    expect((await client.getMetadata(path)).contentLength).toBe(Buffer.byteLength(`content of ${name}`));
    const names = (await client.listPage(dir)).entries.map((e) => e.name);
    expect(names).toContain(name);
    await client.deleteFile(path);
    expect(await ws.readOnDisk(path)).toBeUndefined();
  });

  it("sends every request to /api/2.0/fs/{files|directories}/Volumes/<volume>/ only", () => {
    expect(ws.requests.length).toBeGreaterThan(20);
    for (const { pathname } of ws.requests) {
      expect(pathname).toMatch(
        /^\/api\/2\.0\/fs\/(files|directories)\/Volumes\/main\/default\/(files|reports)(\/|$)/,
      );
      expect(pathname).not.toMatch(/[#?]/);
    }
  });

  it.each([
    ["relative", "main/default/files/a.txt"],
    ["outside /Volumes", "/Workspace/Users/a.txt"],
    ["dot-dot escape", `${ROOT}/../../../../api/2.0/preview/scim/v2/Me`],
    ["dot segment", `${ROOT}/./a.txt`],
    ["empty segment", `${ROOT}//a.txt`],
    ["backslash", `${ROOT}/a\\..\\b.txt`],
    ["NUL", `${ROOT}/a\u0000.txt`],
    ["newline", `${ROOT}/a\n.txt`],
    ["no volume", "/Volumes/main/default"],
    ["lone surrogate", `${ROOT}/\ud800.txt`],
    ["over-long segment", `${ROOT}/${"x".repeat(256)}`],
  ])("rejects a %s path with 400 before any request", async (_label, path) => {
    const before = ws.emulator.stats.requestCount();
    const sent = ws.requests.length;
    for (const call of [
      () => client.download(path),
      () => client.getMetadata(path),
      () => client.upload(path, Readable.from([Buffer.from("x")]), { overwrite: true }),
      () => client.deleteFile(path),
      () => client.listPage(path),
      () => client.directoryExists(path),
      () => client.createDirectory(path),
      () => client.deleteDirectory(path),
    ]) {
      const err = await rejection(call());
      expect(err).toMatchObject({ status: 400, code: "INVALID_PATH" });
    }
    expect(ws.requests.length).toBe(sent);
    expect(ws.emulator.stats.requestCount()).toBe(before);
  });

  it("accepts a trailing slash only on directory calls", async () => {
    const before = ws.emulator.stats.requestCount();
    for (const call of [
      () => client.download(`${ROOT}/a.txt/`),
      () => client.getMetadata(`${ROOT}/a.txt/`),
    ]) {
      expect(await rejection(call())).toMatchObject({ status: 400, code: "INVALID_PATH" });
    }
    expect(ws.emulator.stats.requestCount()).toBe(before);
    expect(await client.directoryExists(`${ROOT}/`)).toBe(true);
    expect(Array.isArray((await client.listPage(ROOT)).entries)).toBe(true);
  });
});

describe("error mapping", () => {
  it("keeps Unity Catalog's 403 message and code for a missing grant", async () => {
    const err = await rejection(put(`${READ_ONLY_ROOT}/x.txt`, "x"));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({
      status: 403,
      code: "PERMISSION_DENIED",
      message: "User does not have WRITE VOLUME on Volume 'main.default.reports'.",
    });
  });

  it("keeps the message of a 403 for an OBO token without the files scope", async () => {
    ws.emulator.faults.add({
      pathPrefix: `${ROOT}/scoped`,
      status: 403,
      message: "Provided OAuth token does not have required scopes: files.files",
    });
    const err = await rejection(client.listPage(`${ROOT}/scoped`));
    expect(err).toMatchObject({
      status: 403,
      code: "PERMISSION_DENIED",
      message: "Provided OAuth token does not have required scopes: files.files",
    });
  });

  it("maps 404 with its reason, HEAD 404 without a body, and 400 for a non-empty directory", async () => {
    const missing = await rejection(client.download(`${ROOT}/missing.txt`));
    expect(missing).toMatchObject({ status: 404, code: "NOT_FOUND", reason: "FILES_API_FILE_NOT_FOUND" });

    const head = await rejection(client.getMetadata(`${ROOT}/missing.txt`));
    expect(head).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(head.message).toBe("The file or directory does not exist.");

    await put(`${ROOT}/full/file.txt`, "x", true);
    const notEmpty = await rejection(client.deleteDirectory(`${ROOT}/full`));
    expect(notEmpty).toMatchObject({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      reason: "FILES_API_DIRECTORY_IS_NOT_EMPTY",
    });

    const mkdirOverFile = await rejection(client.createDirectory(`${ROOT}/full/file.txt`));
    expect(mkdirOverFile.status).toBe(409);
  });

  it("maps 412 and 416 on downloads and keeps the 416 Content-Range", async () => {
    await put(`${ROOT}/ranged.txt`, "0123456789", true);
    const stale = await rejection(
      client.download(`${ROOT}/ranged.txt`, {
        ifUnmodifiedSince: new Date(Date.now() - 3_600_000).toUTCString(),
      }),
    );
    expect(stale.status).toBe(412);
    const range = await rejection(client.download(`${ROOT}/ranged.txt`, { range: "bytes=50-60" }));
    expect(range.status).toBe(416);
    expect(range.headers["content-range"]).toBe("bytes */10");
  });

  it("maps the Files API's 413 to PAYLOAD_TOO_LARGE, declared or streamed", async () => {
    const big = Buffer.alloc(MAX_PUT + 1);
    const declared = await rejection(
      client.upload(`${ROOT}/too-big.bin`, Readable.from([big]), {
        overwrite: true,
        contentLength: big.length,
      }),
    );
    expect(declared).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    const streamed = await rejection(
      client.upload(`${ROOT}/too-big.bin`, Readable.from([big]), { overwrite: true }),
    );
    expect(streamed).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(await ws.readOnDisk(`${ROOT}/too-big.bin`)).toBeUndefined();
  });

  it("maps an invalid token to 401 and never echoes the token", async () => {
    const bad = ws.client({ credentials: userCredentials(ws.spConfig, "dapi-not-a-real-token") });
    const err = await rejection(bad.listPage(ROOT));
    expect(err).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    expect(JSON.stringify({ m: err.message, r: err.reason })).not.toContain("dapi-not-a-real-token");
  });

  it("maps a 5xx to 502 UPSTREAM_ERROR without the URL", async () => {
    ws.emulator.faults.add({ pathPrefix: `${ROOT}/down`, status: 500, count: 10 });
    const err = await rejection(client.getMetadata(`${ROOT}/down/a.txt`));
    expect(err).toMatchObject({ status: 502, code: "UPSTREAM_ERROR" });
    expect(err.message).not.toContain("127.0.0.1");
    expect(err.message).not.toContain("/api/2.0");
  });
});

describe("listing pages", () => {
  it("returns one upstream page at a time, empty pages with a token included, and listAll pages through", async () => {
    const dir = `${ROOT}/many`;
    for (let i = 0; i < 7; i++) await put(`${dir}/f${i}.txt`, String(i), true);

    const first = await client.listPage(dir, { pageSize: 3 });
    expect(first.entries).toHaveLength(3);
    expect(first.nextPageToken).toBeTruthy();

    ws.emulator.faults.add({ pathPrefix: dir, method: "GET", emptyPage: true, count: 2 });
    const empty = await client.listPage(dir, { pageSize: 3, pageToken: first.nextPageToken });
    expect(empty.entries).toEqual([]);
    expect(empty.nextPageToken).toBeTruthy();

    const names: string[] = [];
    const all = listAll(client, dir, { pageSize: 3 });
    for await (const entry of all) names.push(entry.name);
    expect(names.sort()).toEqual(["f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt", "f5.txt", "f6.txt"]);

    const capped: string[] = [];
    const limited = listAll(client, dir, { pageSize: 2, maxEntries: 5 });
    let result = await limited.next();
    while (!result.done) {
      capped.push(result.value.name);
      result = await limited.next();
    }
    expect(capped).toHaveLength(5);
    expect(result.value).toEqual({ truncated: true });
  });
});
