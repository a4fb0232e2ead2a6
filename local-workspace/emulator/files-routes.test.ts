import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { volumeDir } from "./index.js";
import { dirsUrl, filesUrl, reasonOf, send } from "./test-support/http.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let ws: TestWorkspace;
let base: string;
let token: string;

beforeAll(async () => {
  ws = await startTestWorkspace();
  base = ws.emulator.url;
  token = ws.tokens.alice;
});
afterAll(() => ws.close());

const put = (p: string, body: string | Buffer, query = "") =>
  send(base, { method: "PUT", path: `${filesUrl(p)}${query}`, token, body });
const get = (p: string, headers: Record<string, string> = {}) =>
  send(base, { path: filesUrl(p), token, headers });
const head = (p: string) => send(base, { method: "HEAD", path: filesUrl(p), token });

describe("upload and download", () => {
  it("PUT answers 204 with no body and GET returns the bytes with metadata headers", async () => {
    const before = Date.now();
    const put1 = await put(`${MAIN_ROOT}/basic/data.csv`, "a,b\n1,2\n");
    expect(put1.status).toBe(204);
    expect(put1.body.length).toBe(0);
    const res = await get(`${MAIN_ROOT}/basic/data.csv`);
    expect(res.status).toBe(200);
    expect(res.text).toBe("a,b\n1,2\n");
    expect(res.headers["content-length"]).toBe("8");
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(res.headers["accept-ranges"]).toBe("bytes");
    const lastModified = Date.parse(res.headers["last-modified"] ?? "");
    expect(lastModified).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(res.headers["last-modified"]).toMatch(/GMT$/);
  });

  it("stores the data under volumes/<catalog>/<schema>/<volume>", async () => {
    await put(`${MAIN_ROOT}/on-disk.txt`, "x");
    const onDisk = path.join(volumeDir(ws.dir, "main", "default", "files"), "on-disk.txt");
    expect((await stat(onDisk)).size).toBe(1);
  });

  it("overwrites by default and refuses with overwrite=false (409 ALREADY_EXISTS)", async () => {
    const p = `${MAIN_ROOT}/overwrite/f.txt`;
    expect((await put(p, "one")).status).toBe(204);
    expect((await put(p, "two")).status).toBe(204);
    expect((await get(p)).text).toBe("two");
    expect((await put(p, "three", "?overwrite=true")).status).toBe(204);
    const refused = await put(p, "four", "?overwrite=false");
    expect(refused.status).toBe(409);
    expect((refused.json() as { error_code: string }).error_code).toBe("ALREADY_EXISTS");
    expect((await get(p)).text).toBe("three");
    expect((await put(`${MAIN_ROOT}/overwrite/new.txt`, "n", "?overwrite=false")).status).toBe(204);
    expect((await put(p, "x", "?overwrite=maybe")).status).toBe(400);
  });

  it("creates missing parent directories", async () => {
    expect((await put(`${MAIN_ROOT}/deep/a/b/c.txt`, "c")).status).toBe(204);
    const dir = await send(base, { method: "HEAD", path: dirsUrl(`${MAIN_ROOT}/deep/a/b`), token });
    expect(dir.status).toBe(200);
  });

  it("answers 409 for a file where a directory exists, below a file, or at the volume root", async () => {
    await put(`${MAIN_ROOT}/conflict/dir/inner.txt`, "i");
    expect((await put(`${MAIN_ROOT}/conflict/dir`, "x")).status).toBe(409);
    await put(`${MAIN_ROOT}/conflict/file.txt`, "f");
    expect((await put(`${MAIN_ROOT}/conflict/file.txt/child.txt`, "x")).status).toBe(409);
    expect((await put(MAIN_ROOT, "x")).status).toBe(409);
    expect((await get(`${MAIN_ROOT}/conflict/file.txt`)).text).toBe("f");
  });

  it("HEAD returns the metadata headers and no body", async () => {
    await put(`${MAIN_ROOT}/head/pic.png`, Buffer.alloc(1234, 7));
    const res = await head(`${MAIN_ROOT}/head/pic.png`);
    expect(res.status).toBe(200);
    expect(res.headers["content-length"]).toBe("1234");
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(res.headers["last-modified"]).toMatch(/GMT$/);
    expect(res.body.length).toBe(0);
  });

  it("serves every file as application/octet-stream, whatever its extension", async () => {
    // databricks-sdk-py tests/integration/test_files.py (test_files_api_get_metadata): a .txt file's
    // metadata says application/octet-stream. The Files API does not guess types from names.
    for (const name of ["t.txt", "t.parquet", "t.JSON", "t.svg", "t.html", "noext"]) {
      await put(`${MAIN_ROOT}/types/${name}`, "x");
      expect((await head(`${MAIN_ROOT}/types/${name}`)).headers["content-type"], name).toBe(
        "application/octet-stream",
      );
      expect((await get(`${MAIN_ROOT}/types/${name}`)).headers["content-type"], name).toBe(
        "application/octet-stream",
      );
    }
  });
});

describe("not found and delete", () => {
  it("GET of a missing file is 404 NOT_FOUND with reason FILES_API_FILE_NOT_FOUND", async () => {
    const res = await get(`${MAIN_ROOT}/nope.txt`);
    expect(res.status).toBe(404);
    expect((res.json() as { error_code: string }).error_code).toBe("NOT_FOUND");
    expect(reasonOf(res)).toBe("FILES_API_FILE_NOT_FOUND");
    expect(res.json()).toMatchObject({
      details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", domain: "filesystem.databricks.com" }],
    });
  });

  it("the file endpoint on a directory answers 404", async () => {
    await send(base, { method: "PUT", path: dirsUrl(`${MAIN_ROOT}/adir`), token });
    expect((await get(`${MAIN_ROOT}/adir`)).status).toBe(404);
    expect((await head(`${MAIN_ROOT}/adir`)).status).toBe(404);
    expect((await send(base, { method: "DELETE", path: filesUrl(`${MAIN_ROOT}/adir`), token })).status).toBe(
      404,
    );
    expect((await send(base, { method: "HEAD", path: dirsUrl(`${MAIN_ROOT}/adir`), token })).status).toBe(
      200,
    );
  });

  it("HEAD errors have no body", async () => {
    const res = await head(`${MAIN_ROOT}/missing.bin`);
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
  });

  it("DELETE answers 204, then 404", async () => {
    await put(`${MAIN_ROOT}/del/x.txt`, "x");
    const del = () => send(base, { method: "DELETE", path: filesUrl(`${MAIN_ROOT}/del/x.txt`), token });
    const first = await del();
    expect(first.status).toBe(204);
    expect(first.body.length).toBe(0);
    expect((await del()).status).toBe(404);
    expect((await get(`${MAIN_ROOT}/del/x.txt`)).status).toBe(404);
  });

  it("an unknown volume is 404 NOT_FOUND", async () => {
    const res = await get("/Volumes/main/default/nosuchvolume/a.txt");
    expect(res.status).toBe(404);
    expect((res.json() as { error_code: string }).error_code).toBe("NOT_FOUND");
  });

  it("unknown endpoints and methods are 404 ENDPOINT_NOT_FOUND", async () => {
    for (const req of [
      { path: "/api/2.0/clusters/list" },
      { method: "POST", path: filesUrl(`${MAIN_ROOT}/x.txt`) },
      { method: "PATCH", path: dirsUrl(MAIN_ROOT) },
    ]) {
      const res = await send(base, { ...req, token });
      expect(res.status).toBe(404);
      expect((res.json() as { error_code: string }).error_code).toBe("ENDPOINT_NOT_FOUND");
    }
  });
});

describe("ranges and preconditions", () => {
  const p = `${MAIN_ROOT}/range/digits.txt`;
  beforeAll(async () => {
    await put(p, "0123456789");
  });

  it.each([
    ["bytes=2-5", "2345", "bytes 2-5/10"],
    ["bytes=7-", "789", "bytes 7-9/10"],
    ["bytes=-3", "789", "bytes 7-9/10"],
    ["bytes=8-100", "89", "bytes 8-9/10"],
    ["bytes=-50", "0123456789", "bytes 0-9/10"],
  ])("%s → 206", async (range, body, contentRange) => {
    const res = await get(p, { range });
    expect(res.status).toBe(206);
    expect(res.text).toBe(body);
    expect(res.headers["content-range"]).toBe(contentRange);
    expect(res.headers["content-length"]).toBe(String(body.length));
  });

  it("an unsatisfiable range is 416 with Content-Range bytes */size", async () => {
    const res = await get(p, { range: "bytes=10-" });
    expect(res.status).toBe(416);
    expect(res.headers["content-range"]).toBe("bytes */10");
    const headRes = await send(base, {
      method: "HEAD",
      path: filesUrl(p),
      token,
      headers: { range: "bytes=99-" },
    });
    expect(headRes.status).toBe(416);
    expect(headRes.body.length).toBe(0);
  });

  it("multi-range and malformed ranges are ignored (200, whole file)", async () => {
    for (const range of ["bytes=0-1,4-5", "items=0-1", "bytes=5-2"]) {
      const res = await get(p, { range });
      expect(res.status, range).toBe(200);
      expect(res.text).toBe("0123456789");
    }
  });

  it("If-Unmodified-Since: 412 when modified after, 200 otherwise", async () => {
    const past = new Date(Date.now() - 3_600_000).toUTCString();
    const future = new Date(Date.now() + 3_600_000).toUTCString();
    expect((await get(p, { "if-unmodified-since": past })).status).toBe(412);
    expect((await get(p, { "if-unmodified-since": future })).status).toBe(200);
    const lastModified = (await head(p)).headers["last-modified"] ?? "";
    expect((await get(p, { "if-unmodified-since": lastModified })).status).toBe(200);
  });
});

describe("paths", () => {
  it("round-trips names with #, ?, %, ;, spaces and non-ASCII", async () => {
    const names = [
      "a#b.txt",
      "what?.txt",
      "100%.txt",
      "semi;colon.txt",
      "with space.txt",
      "日本語.txt",
      "plus+sign.txt",
    ];
    for (const name of names) {
      const p = `${MAIN_ROOT}/odd names/${name}`;
      expect((await put(p, name)).status, name).toBe(204);
      expect((await get(p)).text, name).toBe(name);
    }
    const list = await send(base, { path: dirsUrl(`${MAIN_ROOT}/odd names`), token });
    const contents = (list.json() as { contents: Array<{ name: string; path: string }> }).contents;
    expect(contents.map((c) => c.name).sort()).toEqual([...names].sort());
    for (const entry of contents) expect(entry.path).toBe(`${MAIN_ROOT}/odd names/${entry.name}`);
  });

  it.each([
    ["raw ..", `/api/2.0/fs/files${MAIN_ROOT}/../reports/escape.txt`],
    ["encoded %2E%2E", `/api/2.0/fs/files${MAIN_ROOT}/%2E%2E/reports/escape.txt`],
    ["lower-case %2e%2e", `/api/2.0/fs/files${MAIN_ROOT}/sub/%2e%2e/escape.txt`],
    ["raw .", `/api/2.0/fs/files${MAIN_ROOT}/./escape.txt`],
    ["encoded slash", `/api/2.0/fs/files${MAIN_ROOT}/a%2Fb.txt`],
    ["backslash", `/api/2.0/fs/files${MAIN_ROOT}/a%5C..%5Cb.txt`],
    ["NUL", `/api/2.0/fs/files${MAIN_ROOT}/a%00b.txt`],
    ["bad encoding", `/api/2.0/fs/files${MAIN_ROOT}/a%zzb.txt`],
    ["not under /Volumes", "/api/2.0/fs/files/tmp/escape.txt"],
    ["no volume", "/api/2.0/fs/files/Volumes/main/default"],
    ["empty segment", `/api/2.0/fs/files${MAIN_ROOT}//x.txt`],
    ["no path", "/api/2.0/fs/files"],
  ])("rejects %s with 400 BAD_REQUEST / FILES_API_INVALID_PATH", async (_name, rawPath) => {
    const res = await send(base, { method: "PUT", path: rawPath, token, body: "escape" });
    expect(res.status).toBe(400);
    expect((res.json() as { error_code: string }).error_code).toBe("BAD_REQUEST");
    expect(reasonOf(res)).toBe("FILES_API_INVALID_PATH");
  });

  it("nothing escaped the volume", async () => {
    const reports = volumeDir(ws.dir, "main", "default", "reports");
    const entries = await readdir(reports).catch(() => []);
    expect(entries).not.toContain("escape.txt");
    expect(await readdir(ws.dir)).not.toContain("escape.txt");
  });
});
