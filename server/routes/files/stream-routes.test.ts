// list-stream, search and folder-stats through the local Apps proxy against the Files API
// emulator: whole folders in order, limits, cancellation, faults mid-walk, policy-hidden folders,
// on-behalf-of-user tokens and the SP cache after a write.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import type {
  CompactEntry,
  FolderStatsStreamLine,
  ListStreamLine,
  SearchMatchLine,
  SearchStreamLine,
} from "../../../shared/api/streams.js";
import { readNdjson } from "../../../shared/ndjson-reader.js";
import { jsonOf, startTestStack, type TestStack, type Who } from "../../test-support/stack.js";

const q = encodeURIComponent;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function makeFiles(
  dir: string,
  count: number,
  name = (i: number) => `row-${String(i).padStart(5, "0")}.csv`,
) {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, (_, k) => writeFile(path.join(dir, name(i + k)), "x")),
    );
  }
}

describe("streamed folder routes", () => {
  let stack: TestStack;
  const onDisk = (volume: string, rel: string) => stack.onDisk(volume, rel);

  async function lines<T>(
    who: Who,
    url: string,
  ): Promise<{ status: number; type: string | null; lines: T[] }> {
    const res = await stack.fetch(who, url);
    const out: T[] = [];
    if (res.body) await readNdjson<T>(res.body, (batch) => out.push(...batch));
    return { status: res.status, type: res.headers.get("content-type"), lines: out };
  }

  const matchesOf = (all: SearchStreamLine[]) =>
    all
      .filter((l): l is SearchMatchLine => l.type === "match")
      .map((l) => l.path)
      .sort();

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        FILES_LIST_MAX_ENTRIES: "4000",
        FILES_SEARCH_MAX_FOLDERS: "40",
        FILES_SEARCH_MAX_MATCHES: "100",
        FILES_SEARCH_MAX_TIME: "4s",
        FILES_READ_RETRIES: "1",
        FILES_SHARED_POLICY: 'all(public-read, not(path("tree/secret", "tree/secret/**")))',
      },
    });
    // shared/tree: a small tree with one policy-hidden branch.
    const tree = (rel: string, text = "x") =>
      mkdir(path.dirname(onDisk("shared", `tree/${rel}`)), { recursive: true }).then(() =>
        writeFile(onDisk("shared", `tree/${rel}`), text),
      );
    await tree("a/b/c/deep-needle.csv", "12345");
    await tree("a/needle-1.txt", "123");
    await tree("d/NEEDLE-2.txt", "1");
    await tree("d/other.txt", "1234567");
    await tree("secret/needle-secret.txt");
    await tree("secret/inner/needle-inner.txt");
    for (let i = 0; i < 10; i++) await tree(`e/blob-${i}.bin`, "y".repeat(i));
    for (let i = 0; i < 60; i++) {
      const dir = onDisk("shared", `wide/f${String(i).padStart(2, "0")}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "needle.txt"), "x");
    }
    await makeFiles(onDisk("shared", "pages"), 3500);
    await makeFiles(onDisk("uploads", "big"), 5000);
    for (let i = 0; i < 30; i++) await makeFiles(onDisk("uploads", `walk/f${String(i).padStart(2, "0")}`), 1);
  }, 120_000);
  afterAll(() => stack?.close());
  afterEach(() => stack.emulator.faults.clear());

  describe("list-stream", () => {
    it("streams every entry of a 4-page folder in the Files API's order, a line per page", async () => {
      const {
        status,
        type,
        lines: all,
      } = await lines<ListStreamLine>("bob", "/api/files/shared/list-stream?path=pages");
      expect(status).toBe(200);
      expect(type).toMatch(/^application\/x-ndjson/);
      expect(all[0]).toEqual({ type: "start", allowedActions: expect.arrayContaining(["list", "download"]) });
      const batches = all.filter((l) => l.type === "entries");
      expect(batches).toHaveLength(4);
      const rows = batches.flatMap((l) => l.entries);
      const names = rows.map((r) => r[0]);
      expect(names).toHaveLength(3500);
      expect(names).toEqual(Array.from({ length: 3500 }, (_, i) => `row-${String(i).padStart(5, "0")}.csv`));
      const [name, isDir, size, modified] = rows[0] as CompactEntry;
      expect([name, isDir, size]).toEqual(["row-00000.csv", 0, 1]);
      expect(typeof modified).toBe("number");
      expect(all.at(-1)).toEqual({ type: "end", read: 3500, truncated: false });
    });

    it("marks directories and sizes in the compact rows", async () => {
      const { lines: all } = await lines<ListStreamLine>("bob", "/api/files/shared/list-stream?path=tree/a");
      const rows = all.flatMap((l) => (l.type === "entries" ? l.entries : []));
      expect(rows.map((r) => r.slice(0, 3))).toEqual([
        ["b", 1, null],
        ["needle-1.txt", 0, 3],
      ]);
    });

    it("stops at FILES_LIST_MAX_ENTRIES and says the listing is truncated", async () => {
      stack.emulator.stats.reset();
      const { lines: all } = await lines<ListStreamLine>(
        "bob",
        "/api/files/shared/list-stream?path=many-files",
      );
      const rows = all.flatMap((l) => (l.type === "entries" ? l.entries : []));
      expect(rows).toHaveLength(4000);
      expect(all.at(-1)).toEqual({ type: "end", read: 4000, truncated: true });
      // The fifth page was never asked for.
      expect(stack.emulator.stats.requestCount({ pathPrefix: "/Volumes/main/demo/shared/many-files" })).toBe(
        4,
      );
    });

    it("answers refusals before the first byte as JSON errors", async () => {
      const missing = await stack.fetch("bob", "/api/files/shared/list-stream?path=nope");
      expect(missing.status).toBe(404);
      expect((await jsonOf<ApiErrorBody>(missing)).code).toBe("NOT_FOUND");
      const hidden = await stack.fetch("bob", "/api/files/shared/list-stream?path=tree/secret");
      expect(hidden.status).toBe(403);
      expect((await jsonOf<ApiErrorBody>(hidden)).code).toBe("POLICY_DENIED");
      const outside = await stack.fetch("bob", `/api/files/shared/list-stream?path=${q("../x")}`);
      expect(outside.status).toBe(400);
    });

    it("stops reading pages when the client goes away", async () => {
      const prefix = "/Volumes/main/demo/uploads/big";
      stack.emulator.faults.add({ method: "GET", pathPrefix: prefix, delayMs: 400, count: 50 });
      stack.emulator.stats.reset();
      const controller = new AbortController();
      const res = await stack.fetch("alice", "/api/files/uploads/list-stream?path=big", {
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      await expect(
        readNdjson<ListStreamLine>(
          res.body as ReadableStream<Uint8Array>,
          (batch) => {
            if (batch.some((l) => l.type === "entries")) controller.abort();
          },
          controller.signal,
        ),
      ).rejects.toThrow();
      await sleep(1200);
      const settled = stack.emulator.stats.requestCount({ pathPrefix: prefix });
      await sleep(1000);
      expect(stack.emulator.stats.requestCount({ pathPrefix: prefix })).toBe(settled);
      // The first page, at most the one read ahead, and nothing after: not all five.
      expect(settled).toBeLessThanOrEqual(3);
    });

    it("ends with an error line, not a short listing, when a page fails mid-way", async () => {
      const prefix = "/Volumes/main/demo/uploads/big";
      // The first page passes; every later request fails past the client's retry.
      stack.emulator.faults.add({ method: "GET", pathPrefix: prefix, delayMs: 1, count: 1 });
      stack.emulator.faults.add({ method: "GET", pathPrefix: prefix, status: 503, count: 20 });
      const { status, lines: all } = await lines<ListStreamLine>(
        "alice",
        "/api/files/uploads/list-stream?path=big",
      );
      expect(status).toBe(200);
      expect(all.filter((l) => l.type === "entries").flatMap((l) => l.entries)).toHaveLength(1000);
      expect(all.at(-1)).toMatchObject({ type: "error", status: 502, code: "UPSTREAM_ERROR" });
      expect(all.some((l) => l.type === "end")).toBe(false);
      // The request's log line says why, though its status was 200.
      await vi.waitFor(() =>
        expect(
          stack.logs.some(
            (l) => l.includes('"route":"/api/files/:volume/list-stream"') && l.includes("UPSTREAM_ERROR"),
          ),
        ).toBe(true),
      );
    });

    it("serves an SP folder from the cache, and shows a write made through the app at once", async () => {
      const dir = "users/alice@example.com/streamed";
      const prefix = `/Volumes/main/demo/inbox/${dir}`;
      const names = async () =>
        (await lines<ListStreamLine>("alice", `/api/files/inbox/list-stream?path=${q(dir)}`)).lines
          .flatMap((l) => (l.type === "entries" ? l.entries : []))
          .map((r) => r[0]);
      const upload = (name: string) =>
        stack.fetch("alice", `/api/files/inbox/upload?path=${q(`${dir}/${name}`)}`, {
          method: "POST",
          headers: { "content-type": "application/octet-stream" },
          body: "hi",
        });
      expect((await upload("one.txt")).status).toBe(200);
      expect(await names()).toEqual(["one.txt"]);
      stack.emulator.stats.reset();
      expect(await names()).toEqual(["one.txt"]);
      expect(stack.emulator.stats.requestCount({ method: "GET", pathPrefix: prefix })).toBe(0);
      expect((await upload("two.txt")).status).toBe(200);
      expect(await names()).toEqual(["one.txt", "two.txt"]);
    });

    it("never answers an on-behalf-of-user folder from a cache", async () => {
      const prefix = "/Volumes/main/demo/uploads/walk/f00";
      stack.emulator.stats.reset();
      for (const who of ["alice", "alice", "bob"] as const) {
        const { status, lines: all } = await lines<ListStreamLine>(
          who,
          "/api/files/uploads/list-stream?path=walk/f00",
        );
        expect(status).toBe(200);
        expect(all.at(-1)).toEqual({ type: "end", read: 1, truncated: false });
      }
      expect(stack.emulator.stats.requestCount({ method: "GET", pathPrefix: prefix })).toBe(3);
    });
  });

  describe("search", () => {
    it("finds names by substring in every folder below, with their folders, never inside a hidden one", async () => {
      const { status, lines: all } = await lines<SearchStreamLine>(
        "bob",
        "/api/files/shared/search?path=tree&q=needle",
      );
      expect(status).toBe(200);
      expect(matchesOf(all)).toEqual([
        "tree/a/b/c/deep-needle.csv",
        "tree/a/needle-1.txt",
        "tree/d/NEEDLE-2.txt",
      ]);
      const deep = all.find((l) => l.type === "match" && l.name === "deep-needle.csv");
      expect(deep).toMatchObject({ folder: "tree/a/b/c", isDirectory: false, size: 5 });
      expect(all.at(-1)).toEqual({
        type: "end",
        foldersVisited: 6, // tree, a, b, c, d, e
        foldersSkipped: 1, // secret
        foldersFailed: 0,
        matches: 3,
        stoppedEarly: null,
      });
      expect(JSON.stringify(all)).not.toContain("needle-secret");
      expect(JSON.stringify(all)).not.toContain("inner");
    });

    it("matches a glob against whole names, three levels down", async () => {
      const { lines: all } = await lines<SearchStreamLine>(
        "bob",
        `/api/files/shared/search?path=tree&q=${q("deep-*.CSV")}`,
      );
      expect(matchesOf(all)).toEqual(["tree/a/b/c/deep-needle.csv"]);
      expect(all.at(-1)).toMatchObject({ type: "end", matches: 1, stoppedEarly: null });
    });

    it("stops at the folder limit and says so", async () => {
      const { lines: all } = await lines<SearchStreamLine>(
        "bob",
        "/api/files/shared/search?path=wide&q=needle",
      );
      const end = all.at(-1);
      expect(end).toMatchObject({ type: "end", stoppedEarly: "folders" });
      expect(end?.type === "end" && end.foldersVisited).toBe(40);
      expect(matchesOf(all)).toHaveLength(39);
    });

    it("stops at the match limit and says so", async () => {
      const { lines: all } = await lines<SearchStreamLine>(
        "bob",
        "/api/files/shared/search?path=many-files&q=file",
      );
      expect(matchesOf(all)).toHaveLength(100);
      expect(all.at(-1)).toMatchObject({ type: "end", matches: 100, stoppedEarly: "matches" });
    });

    it("stops at the time limit and says so", async () => {
      stack.emulator.faults.add({
        method: "GET",
        pathPrefix: "/Volumes/main/demo/shared/tree/d",
        delayMs: 8000,
      });
      const started = Date.now();
      const { lines: all } = await lines<SearchStreamLine>(
        "bob",
        "/api/files/shared/search?path=tree&q=needle",
      );
      expect(Date.now() - started).toBeLessThan(7000);
      expect(all.at(-1)).toMatchObject({ type: "end", stoppedEarly: "time" });
      expect(matchesOf(all)).toContain("tree/a/b/c/deep-needle.csv");
    });

    it("retries a 429 mid-walk, and reports a folder that keeps failing instead of leaving a gap", async () => {
      stack.emulator.faults.add({
        method: "GET",
        pathPrefix: "/Volumes/main/demo/shared/tree/a/b",
        status: 429,
      });
      const retried = await lines<SearchStreamLine>("bob", "/api/files/shared/search?path=tree&q=needle");
      expect(matchesOf(retried.lines)).toContain("tree/a/b/c/deep-needle.csv");
      expect(retried.lines.at(-1)).toMatchObject({ type: "end", foldersFailed: 0, stoppedEarly: null });

      stack.emulator.faults.add({
        method: "GET",
        pathPrefix: "/Volumes/main/demo/shared/tree/d",
        status: 503,
        count: 5,
      });
      const failed = await lines<SearchStreamLine>("bob", "/api/files/shared/search?path=tree&q=needle");
      expect(failed.lines).toContainEqual(
        expect.objectContaining({
          type: "folder-error",
          folder: "tree/d",
          status: 502,
          code: "UPSTREAM_ERROR",
        }),
      );
      expect(failed.lines.at(-1)).toMatchObject({ type: "end", foldersFailed: 1, stoppedEarly: null });
      expect(matchesOf(failed.lines)).toEqual(["tree/a/b/c/deep-needle.csv", "tree/a/needle-1.txt"]);
    });

    it("stops listing folders when the client goes away", async () => {
      const prefix = "/Volumes/main/demo/uploads/walk";
      stack.emulator.faults.add({ method: "GET", pathPrefix: prefix, delayMs: 300, count: 100 });
      stack.emulator.stats.reset();
      const controller = new AbortController();
      const res = await stack.fetch("alice", "/api/files/uploads/search?path=walk&q=row", {
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      await expect(
        readNdjson<SearchStreamLine>(
          res.body as ReadableStream<Uint8Array>,
          (batch) => {
            if (batch.some((l) => l.type === "match")) controller.abort();
          },
          controller.signal,
        ),
      ).rejects.toThrow();
      await sleep(1000);
      const settled = stack.emulator.stats.requestCount({ pathPrefix: prefix });
      await sleep(1000);
      expect(stack.emulator.stats.requestCount({ pathPrefix: prefix })).toBe(settled);
      expect(settled).toBeLessThan(31);
    });

    it("searches an on-behalf-of-user volume with the user's own grants", async () => {
      const alice = await lines<SearchStreamLine>("alice", "/api/files/uploads/search?path=walk&q=row-00000");
      expect(matchesOf(alice.lines)).toHaveLength(30);
      const carol = await stack.fetch("carol", "/api/files/uploads/search?path=walk&q=row");
      expect(carol.status).toBe(403);
      expect((await jsonOf<ApiErrorBody>(carol)).code).toBe("PERMISSION_DENIED");
    });

    it("refuses an empty query", async () => {
      expect((await stack.fetch("bob", "/api/files/shared/search?q=")).status).toBe(400);
    });
  });

  describe("folder-stats", () => {
    it("totals folders, files and bytes below a folder, without the hidden branch", async () => {
      const { lines: all } = await lines<FolderStatsStreamLine>(
        "bob",
        "/api/files/shared/folder-stats?path=tree",
      );
      expect(all.at(-1)).toEqual({
        type: "end",
        folders: 6, // a, b, c, d, e, secret (seen in tree's listing, not entered)
        files: 14,
        bytes: 5 + 3 + 1 + 7 + 45,
        foldersVisited: 6,
        foldersSkipped: 1,
        foldersFailed: 0,
        stoppedEarly: null,
      });
    });
  });

  it("lists the streamed routes in the OpenAPI document as NDJSON", async () => {
    const doc = await jsonOf<{
      paths: Record<string, { get?: { responses: Record<string, { content?: object }> } }>;
    }>(await stack.fetch("bob", "/api/openapi.json"));
    for (const route of ["list-stream", "search", "folder-stats"]) {
      expect(doc.paths[`/api/files/{volume}/${route}`]?.get?.responses["200"]?.content).toHaveProperty(
        "application/x-ndjson",
      );
    }
  });

  // Last: cancelled streams, failed folders and limits are all expected outcomes, never crashes.
  it("logged no error-level line through all of the above", () => {
    expect(stack.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});
