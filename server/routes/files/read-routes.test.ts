// list, read, exists, metadata, preview through the local Apps proxy, plus the path rules and
// the error rows that apply to every route.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import type { DirectoryEntry, ExistsResponse, FileMetadata, FilePreview } from "../../../shared/api/files.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

const q = encodeURIComponent;

describe("read routes", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { FILES_UPSTREAM_TIMEOUT: "2s", FILES_READ_RETRIES: "1" } });
  });
  afterAll(() => stack?.close());

  const json = async <T = ApiErrorBody>(res: Response) => ({
    status: res.status,
    body: await jsonOf<T>(res),
  });

  it("says in x-allowed-actions what the policy allows in the listed folder", async () => {
    const root = await stack.fetch("alice", "/api/files/inbox/list");
    expect(root.status).toBe(200);
    expect(root.headers.get("x-allowed-actions")?.split(",")).not.toContain("upload");
    const own = await stack.fetch("alice", `/api/files/inbox/list?path=${q("users/alice@example.com")}`);
    expect(own.status).toBe(200);
    expect(own.headers.get("x-allowed-actions")?.split(",")).toEqual(
      expect.arrayContaining(["list", "upload", "mkdir", "delete", "move"]),
    );
    const others = await stack.fetch("alice", `/api/files/inbox/list?path=${q("users/bob@example.com")}`);
    expect(others.headers.get("x-allowed-actions")?.split(",")).not.toContain("upload");
  });

  it("lists a folder in AppKit's shape, folders first", async () => {
    const res = await stack.fetch("bob", "/api/files/shared/list");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-next-page-token")).toBeNull();
    const entries = await jsonOf<DirectoryEntry[]>(res);
    const firstFile = entries.findIndex((e) => !e.is_directory);
    expect(entries.slice(firstFile).every((e) => !e.is_directory)).toBe(true);
    expect(entries.slice(0, firstFile).map((e) => e.name)).toEqual(
      expect.arrayContaining(["data", "images", "many-files"]),
    );
    const notes = entries.find((e) => e.name === "notes.txt");
    expect(notes).toMatchObject({
      path: "/Volumes/main/demo/shared/notes.txt",
      is_directory: false,
      file_size: 272,
    });
    expect(typeof notes?.last_modified).toBe("number");
  });

  it("refuses a page token the Files API cannot have handed out, before calling it", async () => {
    const before = stack.upstream.length;
    for (const token of ["", "a".repeat(4097), "bad token", "line\nbreak"]) {
      const res = await stack.fetch("alice", `/api/files/shared/list?pageToken=${q(token)}`);
      if (token === "") continue; // an empty query value means no token: the first page
      expect(res.status, token.slice(0, 20)).toBe(400);
      expect((await jsonOf<ApiErrorBody>(res)).code).toBe("INVALID_PAGE_TOKEN");
    }
    // None of them reached the Files API.
    expect(stack.upstream.slice(before).filter((line) => line.search.includes("page_token"))).toEqual([]);
    // A well-formed one the Files API does not know is its answer to give (400 too).
    const unknown = await stack.fetch("alice", "/api/files/shared/list?pageToken=eyJ4IjoxfQ");
    expect(unknown.status).toBe(400);
  });

  it("pages with x-next-page-token, through empty pages", async () => {
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/shared/many-files",
      emptyPage: true,
      count: 1,
    });
    const names: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/files/shared/list?path=many-files&pageSize=1000${token ? `&pageToken=${q(token)}` : ""}`;
      const res = await stack.fetch("alice", url);
      expect(res.status).toBe(200);
      names.push(...(await jsonOf<DirectoryEntry[]>(res)).map((e) => e.name));
      token = res.headers.get("x-next-page-token");
      pages++;
    } while (token);
    expect(names).toHaveLength(5000);
    expect(new Set(names).size).toBe(5000);
    expect(pages).toBe(6); // one empty page, then five full ones
  });

  it("reads text, and refuses files past the read cap", async () => {
    const res = await stack.fetch("carol", "/api/files/shared/read?path=notes.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toMatch(/^Sales team notes/);

    await writeFile(stack.onDisk("shared", "big.log"), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    const big = await json(await stack.fetch("bob", "/api/files/shared/read?path=big.log"));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe("FILE_TOO_LARGE");
  });

  it("answers exists for files, folders, the root and nothing", async () => {
    const ask = async (p: string) =>
      jsonOf<ExistsResponse>(await stack.fetch("bob", `/api/files/shared/exists?path=${q(p)}`));
    expect(await ask("data/sales.csv")).toEqual({ exists: true, type: "file" });
    expect(await ask("data")).toEqual({ exists: true, type: "directory" });
    expect(await ask("/")).toEqual({ exists: true, type: "directory" });
    expect(await ask("nope/nothing.txt")).toEqual({ exists: false });
  });

  it("returns metadata with the served content type", async () => {
    const { status, body } = await json<FileMetadata>(
      await stack.fetch("bob", "/api/files/shared/metadata?path=data/sales.csv"),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ contentLength: 43579, contentType: "text/csv; charset=utf-8" });
    expect(new Date(body.lastModified ?? "").toISOString()).toBe(body.lastModified);
  });

  it("previews by kind, reading at most 64 KiB", async () => {
    const preview = async (p: string) => {
      const res = await stack.fetch("bob", `/api/files/shared/preview?path=${q(p)}`);
      expect(res.status).toBe(200);
      return jsonOf<FilePreview>(res);
    };
    expect(await preview("data/sales.csv")).toMatchObject({
      kind: "csv",
      isText: true,
      truncated: false,
      contentLength: 43579,
    });
    expect((await preview("data/sales.csv")).textPreview).toMatch(/^order_id|^[a-z_]+,/);
    expect(await preview("images/gradient.png")).toMatchObject({
      kind: "image",
      isImage: true,
      textPreview: null,
    });
    expect(await preview("images/logo.svg")).toMatchObject({ kind: "svg", isImage: true, isText: true });
    expect(await preview("data/sales.parquet")).toMatchObject({ kind: "parquet", textPreview: null });
    expect(await preview("reports/2024/q1/revenue-summary.pdf")).toMatchObject({ kind: "pdf" });
    expect(await preview("misc/random.bin")).toMatchObject({
      kind: "binary",
      isText: false,
      textPreview: null,
    });
    expect(await preview("日本 #1 100%.txt")).toMatchObject({ kind: "text", isText: true });

    // A text file with an unknown extension is text; with a NUL byte it is binary, whatever its name.
    await writeFile(stack.onDisk("shared", "misc/NOTICE"), "plain words\n");
    await writeFile(stack.onDisk("shared", "misc/fake.txt"), Buffer.from([0x61, 0x00, 0x62]));
    expect(await preview("misc/NOTICE")).toMatchObject({ kind: "text", textPreview: "plain words\n" });
    expect(await preview("misc/fake.txt")).toMatchObject({ kind: "binary", isText: false });
    await writeFile(stack.onDisk("shared", "misc/empty.txt"), "");
    expect(await preview("misc/empty.txt")).toMatchObject({
      kind: "text",
      textPreview: "",
      contentLength: 0,
      truncated: false,
    });

    // "é" (2 bytes) straddles the 64 KiB boundary: still text, just cut.
    await writeFile(stack.onDisk("shared", "misc/long.md"), `${"a".repeat(65_535)}é${"b".repeat(200_000)}`);
    stack.emulator.stats.reset();
    const long = await preview("misc/long.md");
    expect(long).toMatchObject({ kind: "markdown", isText: true, truncated: true, contentLength: 265_537 });
    expect(long.textPreview?.length).toBe(65_535);
    expect(stack.emulator.stats.bytesServed("/Volumes/main/demo/shared/misc/long.md")).toBeLessThanOrEqual(
      64 * 1024,
    );
  });

  it("rejects bad paths with 400 before any upstream call, in any encoding", async () => {
    const vectors = [
      "../uploads/README.md",
      "a/../../b",
      "data/./sales.csv",
      "a\\b",
      "a\u0000b",
      "a//b",
      "evil\u202Etxt.exe",
      "/Volumes/main/demo/uploads/README.md",
      "dbfs:/Volumes/main/demo/inbox/README.md",
      "x".repeat(256),
    ];
    stack.emulator.stats.reset();
    for (const vector of vectors) {
      for (const route of ["list", "read", "metadata", "preview", "download", "raw", "exists"]) {
        const res = await stack.fetch("alice", `/api/files/shared/${route}?path=${q(vector)}`);
        const body = await jsonOf<ApiErrorBody>(res);
        expect({ route, vector, status: res.status, code: body.code }).toMatchObject({ status: 400 });
      }
    }
    // Double-encoded dots reach us as '%2e%2e' after the single decode and stay a (missing) name.
    const doubled = await stack.fetch("alice", "/api/files/shared/read?path=%252e%252e%252fetc");
    expect(doubled.status).toBe(404);
    // Raw dots in the query string decode to '..': refused.
    const raw = await stack.fetch("alice", "/api/files/shared/read?path=..%2f..%2fetc%2fpasswd");
    expect(raw.status).toBe(400);
    expect(stack.emulator.stats.requestCount({ pathPrefix: "/Volumes/main/demo/uploads" })).toBe(0);
    expect(stack.emulator.stats.requestCount({ pathPrefix: "/Volumes/main/demo/inbox" })).toBe(0);
  });

  it("accepts an absolute path inside the volume", async () => {
    const res = await stack.fetch(
      "bob",
      `/api/files/shared/list?path=${q("/Volumes/main/demo/shared/data")}`,
    );
    expect(res.status).toBe(200);
  });

  it("encodes every segment so # ? % ; and spaces round-trip", async () => {
    const name = "odd #1 ?x %41;y z.txt";
    await mkdir(path.dirname(stack.onDisk("shared", `misc/${name}`)), { recursive: true });
    await writeFile(stack.onDisk("shared", `misc/${name}`), "odd");
    stack.upstream.length = 0;
    const res = await stack.fetch("bob", `/api/files/shared/read?path=${q(`misc/${name}`)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("odd");
    expect(stack.upstream.at(-1)?.pathname).toBe(
      "/api/2.0/fs/files/Volumes/main/demo/shared/misc/odd%20%231%20%3Fx%20%2541%3By%20z.txt",
    );
  });

  it("names the configured volumes on an unknown one", async () => {
    const { status, body } = await json(await stack.fetch("bob", "/api/files/nope/list"));
    expect(status).toBe(404);
    expect(body.message).toMatch(/nope/);
    for (const key of ["shared", "uploads", "inbox"]) expect(body.message).toContain(key);
  });

  it("passes 404 through and maps upstream 5xx to 502, timeouts to 504", async () => {
    const missing = await json(await stack.fetch("bob", "/api/files/shared/read?path=missing.txt"));
    expect(missing).toMatchObject({ status: 404, body: { code: "NOT_FOUND", status: 404 } });

    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/shared/notes.txt",
      status: 503,
      count: 2,
    });
    const unavailable = await json(await stack.fetch("bob", "/api/files/shared/read?path=notes.txt"));
    expect(unavailable.status).toBe(502);
    expect(JSON.stringify(unavailable.body)).not.toMatch(/127\.0\.0\.1|stack|Bearer/);

    stack.emulator.faults.add({
      method: "HEAD",
      pathPrefix: "/Volumes/main/demo/shared/data/targets.json",
      hang: true,
    });
    const started = Date.now();
    const slow = await json(await stack.fetch("bob", "/api/files/shared/metadata?path=data/targets.json"));
    expect(slow).toMatchObject({ status: 504, body: { code: "UPSTREAM_TIMEOUT" } });
    expect(Date.now() - started).toBeLessThan(5000);
    stack.emulator.faults.clear();
  });

  it("shows an upload in the next listing, even with reads racing it", async () => {
    const dir = "users/bob@example.com/race";
    const list = async () =>
      jsonOf<DirectoryEntry[]>(await stack.fetch("bob", `/api/files/inbox/list?path=${q(dir)}`));
    await stack.fetch("bob", `/api/files/inbox/mkdir`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: dir }),
    });
    expect(await list()).toEqual([]); // now cached
    for (let i = 0; i < 5; i++) {
      stack.emulator.faults.add({
        method: "GET",
        pathPrefix: `/Volumes/main/demo/inbox/${dir}`,
        delayMs: 150,
      });
      const racing = Array.from({ length: 4 }, () => list());
      const upload = await stack.fetch("bob", `/api/files/inbox/upload?path=${q(`${dir}/f${i}.txt`)}`, {
        method: "POST",
        body: `file ${i}`,
      });
      expect(upload.status).toBe(200);
      expect((await list()).map((e) => e.name)).toContain(`f${i}.txt`);
      await Promise.all(racing);
      expect((await list()).map((e) => e.name)).toContain(`f${i}.txt`);
    }
  });

  it("sends every upstream request to /api/2.0/fs/{files,directories}/Volumes/<the volume>", () => {
    expect(stack.upstream.length).toBeGreaterThan(0);
    const allowed =
      /^\/api\/2\.0\/fs\/(files|directories)\/Volumes\/main\/demo\/(shared|uploads|inbox)(\/|$)/;
    for (const line of stack.upstream) expect(line.pathname).toMatch(allowed);
  });
});
