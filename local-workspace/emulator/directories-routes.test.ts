import { mkdir as fsMkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { volumeDir } from "./index.js";
import { dirsUrl, filesUrl, type RawResponse, reasonOf, send } from "./test-support/http.js";
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

interface Entry {
  path: string;
  name: string;
  is_directory: boolean;
  file_size?: number;
  last_modified?: number;
}
interface Page {
  contents?: Entry[];
  next_page_token?: string;
}

const mkdir = (p: string) => send(base, { method: "PUT", path: dirsUrl(p), token });
const rmdir = (p: string) => send(base, { method: "DELETE", path: dirsUrl(p), token });
const exists = (p: string) => send(base, { method: "HEAD", path: dirsUrl(p), token });
const putFile = (p: string, body = "x") => send(base, { method: "PUT", path: filesUrl(p), token, body });
const list = (p: string, query = "") => send(base, { path: `${dirsUrl(p)}${query}`, token });
const errorCode = (res: RawResponse) => (res.json() as { error_code: string }).error_code;

async function listAll(p: string, pageSize: number): Promise<{ names: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let token: string | undefined;
  do {
    const query = `?page_size=${pageSize}${token ? `&page_token=${encodeURIComponent(token)}` : ""}`;
    const res = await list(p, query);
    expect(res.status).toBe(200);
    const page = res.json() as Page;
    pages.push(page);
    token = page.next_page_token;
  } while (token && pages.length < 100);
  return { names: pages.flatMap((pg) => (pg.contents ?? []).map((c) => c.name)), pages };
}

describe("mkdir, exists, delete", () => {
  it("mkdir is mkdir -p, idempotent, 204 with no body", async () => {
    const first = await mkdir(`${MAIN_ROOT}/m/a/b/c`);
    expect(first.status).toBe(204);
    expect(first.body.length).toBe(0);
    expect((await mkdir(`${MAIN_ROOT}/m/a/b/c`)).status).toBe(204);
    expect((await mkdir(`${MAIN_ROOT}/m/a/b/c/`)).status).toBe(204);
    expect((await exists(`${MAIN_ROOT}/m/a/b`)).status).toBe(200);
  });

  it("mkdir where a file exists (or below one) is 409", async () => {
    await putFile(`${MAIN_ROOT}/m/file.txt`);
    expect((await mkdir(`${MAIN_ROOT}/m/file.txt`)).status).toBe(409);
    expect((await mkdir(`${MAIN_ROOT}/m/file.txt/sub`)).status).toBe(409);
  });

  it("HEAD is 200 for a directory and a bodyless 404 for a missing path or a file", async () => {
    const ok = await exists(`${MAIN_ROOT}/m`);
    expect(ok.status).toBe(200);
    expect(ok.body.length).toBe(0);
    for (const p of [`${MAIN_ROOT}/m/none`, `${MAIN_ROOT}/m/file.txt`]) {
      const res = await exists(p);
      expect(res.status).toBe(404);
      expect(res.body.length).toBe(0);
    }
    expect((await exists(MAIN_ROOT)).status).toBe(200);
  });

  it("DELETE removes an empty directory (204) and refuses a non-empty one with the reason", async () => {
    await mkdir(`${MAIN_ROOT}/d/full/inner`);
    const refused = await rmdir(`${MAIN_ROOT}/d/full`);
    expect(refused.status).toBe(400);
    expect(errorCode(refused)).toBe("INVALID_PARAMETER_VALUE");
    expect(reasonOf(refused)).toBe("FILES_API_DIRECTORY_IS_NOT_EMPTY");
    expect((await exists(`${MAIN_ROOT}/d/full/inner`)).status).toBe(200);
    const removed = await rmdir(`${MAIN_ROOT}/d/full/inner`);
    expect(removed.status).toBe(204);
    expect((await exists(`${MAIN_ROOT}/d/full/inner`)).status).toBe(404);
  });

  it("DELETE of a missing directory or a file path is 404 with FILES_API_DIRECTORY_NOT_FOUND", async () => {
    const missing = await rmdir(`${MAIN_ROOT}/d/never`);
    expect(missing.status).toBe(404);
    expect(reasonOf(missing)).toBe("FILES_API_DIRECTORY_NOT_FOUND");
    await putFile(`${MAIN_ROOT}/d/f.txt`);
    expect((await rmdir(`${MAIN_ROOT}/d/f.txt`)).status).toBe(404);
  });

  it("refuses to delete the volume root", async () => {
    const res = await rmdir(MAIN_ROOT);
    expect(res.status).toBe(400);
    expect((await exists(MAIN_ROOT)).status).toBe(200);
  });
});

describe("list", () => {
  it("lists files with size and mtime (ms) and directories without size", async () => {
    const before = Date.now();
    await putFile(`${MAIN_ROOT}/l/b.csv`, "12345");
    await mkdir(`${MAIN_ROOT}/l/a-dir`);
    const res = await list(`${MAIN_ROOT}/l`);
    expect(res.status).toBe(200);
    const page = res.json() as Page;
    expect(page.next_page_token).toBeUndefined();
    const dir = page.contents?.find((c) => c.name === "a-dir");
    const file = page.contents?.find((c) => c.name === "b.csv");
    expect(dir).toEqual({ path: `${MAIN_ROOT}/l/a-dir`, name: "a-dir", is_directory: true });
    expect(file).toMatchObject({
      path: `${MAIN_ROOT}/l/b.csv`,
      name: "b.csv",
      is_directory: false,
      file_size: 5,
    });
    expect(file?.last_modified).toBeGreaterThan(before - 2000);
    expect(file?.last_modified).toBeLessThan(Date.now() + 1000);
  });

  it("an empty directory answers {}", async () => {
    await mkdir(`${MAIN_ROOT}/empty`);
    const res = await list(`${MAIN_ROOT}/empty`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({});
  });

  it("listing a file or a missing path is 404 FILES_API_DIRECTORY_NOT_FOUND", async () => {
    await putFile(`${MAIN_ROOT}/l/plain.txt`);
    for (const p of [`${MAIN_ROOT}/l/plain.txt`, `${MAIN_ROOT}/l/missing`]) {
      const res = await list(p);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe("NOT_FOUND");
      expect(reasonOf(res)).toBe("FILES_API_DIRECTORY_NOT_FOUND");
    }
  });

  it("pages in name order; the last page has no token", async () => {
    const names = Array.from({ length: 25 }, (_, i) => `f${String(i).padStart(2, "0")}.txt`);
    // One at a time: 25 at once would pass the emulator's rate limit of 10 in flight.
    for (const n of names) await putFile(`${MAIN_ROOT}/paged/${n}`);
    const { names: seen, pages } = await listAll(`${MAIN_ROOT}/paged`, 10);
    expect(pages.map((p) => p.contents?.length)).toEqual([10, 10, 5]);
    expect(pages[0]?.next_page_token).toBeTruthy();
    expect(pages[2]?.next_page_token).toBeUndefined();
    expect(seen).toEqual(names);
  });

  it("an exactly full last page carries no token", async () => {
    await Promise.all(["a", "b", "c", "d"].map((n) => putFile(`${MAIN_ROOT}/exact/${n}`)));
    const { pages } = await listAll(`${MAIN_ROOT}/exact`, 2);
    expect(pages).toHaveLength(2);
  });

  it("page_size defaults to and is clamped at 1000; invalid values are 400", async () => {
    // Written straight to the volume's folder: 1001 uploads would only slow the suite down.
    const big = path.join(volumeDir(ws.dir, "main", "default", "files"), "big");
    await fsMkdir(big, { recursive: true });
    await Promise.all(Array.from({ length: 1001 }, (_, i) => writeFile(path.join(big, String(i)), "")));
    for (const query of ["", "?page_size=5000"]) {
      const page = (await list(`${MAIN_ROOT}/big`, query)).json() as Page;
      expect(page.contents).toHaveLength(1000);
      expect(page.next_page_token).toBeTruthy();
    }
    for (const bad of ["0", "-1", "abc", "1.5"]) {
      const res = await list(`${MAIN_ROOT}/big`, `?page_size=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(errorCode(res)).toBe("INVALID_PARAMETER_VALUE");
    }
    expect((await list(`${MAIN_ROOT}/big`, "?page_token=garbage")).status).toBe(400);
  });

  it("an injected empty page still carries a token that continues where it was", async () => {
    const names = ["a", "b", "c", "d", "e"];
    await Promise.all(names.map((n) => putFile(`${MAIN_ROOT}/gappy/${n}`)));
    // The second page request gets an empty page; paging on must still reach every entry.
    const first = (await list(`${MAIN_ROOT}/gappy`, "?page_size=2")).json() as Page;
    ws.emulator.faults.add({ method: "GET", pathPrefix: `${MAIN_ROOT}/gappy`, emptyPage: true });
    const token = first.next_page_token ?? "";
    const empty = (await list(`${MAIN_ROOT}/gappy`, `?page_size=2&page_token=${token}`)).json() as Page;
    expect(empty.contents).toEqual([]);
    expect(empty.next_page_token).toBeTruthy();
    const rest = (
      await list(`${MAIN_ROOT}/gappy`, `?page_size=10&page_token=${empty.next_page_token}`)
    ).json() as Page;
    const seen = [...(first.contents ?? []), ...(rest.contents ?? [])].map((c) => c.name);
    expect(seen).toEqual(names);
  });

  it("an empty first page also continues from the start", async () => {
    await Promise.all(["x", "y"].map((n) => putFile(`${MAIN_ROOT}/gappy-first/${n}`)));
    ws.emulator.faults.add({ pathPrefix: `${MAIN_ROOT}/gappy-first`, emptyPage: true });
    const { names, pages } = await listAll(`${MAIN_ROOT}/gappy-first`, 10);
    expect(pages[0]?.contents).toEqual([]);
    expect(names).toEqual(["x", "y"]);
  });
});
