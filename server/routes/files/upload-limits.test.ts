// Multi-file uploads that don't lie: when a form passes a parser limit (files, fields) after
// some files were written, the answer lists exactly the files written and says why the rest was
// not read (207, `stopped`); before any file, nothing is written and the error says why.
import { readdir, stat } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import type { MultipartUploadResponse } from "../../../shared/api/files.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

const LIMIT = 64 * 1024;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ env: { FILES_UPLOADS_MAX_UPLOAD_SIZE: "64KiB" } });
});
afterAll(() => stack?.close());

const post = (dir: string, form: FormData) =>
  stack.fetch("alice", `/api/files/uploads/upload?path=${dir}`, { method: "POST", body: form });

/** The names under `dir` on the emulator's disk, recursively, sorted. */
async function onDisk(dir: string): Promise<string[]> {
  const root = stack.onDisk("uploads", dir);
  const exists = await stat(root).then(
    () => true,
    () => false,
  );
  if (!exists) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath.slice(root.length + 1)}${e.parentPath === root ? "" : "/"}${e.name}`)
    .sort();
}

const written = (body: MultipartUploadResponse) =>
  body.results
    .filter((r) => r.status === "uploaded")
    .map((r) => r.name)
    .sort();

describe("multi-file upload limits", () => {
  it("1,001 files: the answer lists exactly the 1,000 written, and says why the last was not", async () => {
    const form = new FormData();
    for (let i = 0; i < 1001; i++) form.append("file", new Blob([`file ${i}`]), `f${i}.txt`);
    const res = await post("limits/files", form);
    expect(res.status).toBe(207);
    const body = await jsonOf<MultipartUploadResponse>(res);
    expect(body.success).toBe(false);
    expect(body.stopped?.code).toBe("TOO_MANY_FILES");
    expect(body.stopped?.message).toMatch(/more than 1000 files/);
    expect(body.results).toHaveLength(1000);
    expect(body.results.every((r) => r.status === "uploaded")).toBe(true);
    const disk = await onDisk("limits/files");
    expect(disk).toEqual(written(body));
    expect(disk).not.toContain("f1000.txt");
  }, 60_000);

  it("too many fields after a file: the file is listed as written, the rest not read", async () => {
    const form = new FormData();
    form.append("file", new Blob(["first"]), "first.txt");
    for (let i = 0; i < 101; i++) form.append(`field${i}`, "x");
    form.append("file", new Blob(["never read"]), "after.txt");
    const res = await post("limits/fields", form);
    expect(res.status).toBe(207);
    const body = await jsonOf<MultipartUploadResponse>(res);
    expect(body.stopped?.code).toBe("TOO_MANY_FIELDS");
    expect(body.results.map((r) => [r.name, r.status])).toEqual([["first.txt", "uploaded"]]);
    expect(await onDisk("limits/fields")).toEqual(["first.txt"]);
  });

  it("too many fields before any file: 413 and nothing written", async () => {
    const form = new FormData();
    for (let i = 0; i < 101; i++) form.append(`field${i}`, "x");
    form.append("file", new Blob(["never read"]), "after.txt");
    const res = await post("limits/fields-first", form);
    expect(res.status).toBe(413);
    expect((await jsonOf<ApiErrorBody>(res)).code).toBe("TOO_MANY_FIELDS");
    expect(await onDisk("limits/fields-first")).toEqual([]);
  });

  it("an over-size file in the middle is never written; the files around it are, and the answer says so", async () => {
    const form = new FormData();
    form.append("file", new Blob(["before"]), "before.txt");
    form.append("file", new Blob([Buffer.alloc(LIMIT + 1, 7)]), "big.bin");
    form.append("file", new Blob(["after"]), "after.txt");
    const res = await post("limits/size", form);
    expect(res.status).toBe(207);
    const body = await jsonOf<MultipartUploadResponse>(res);
    expect(body.stopped).toBeUndefined();
    expect(body.results.map((r) => [r.name, r.status])).toEqual([
      ["before.txt", "uploaded"],
      ["big.bin", "too-large"],
      ["after.txt", "uploaded"],
    ]);
    expect(await onDisk("limits/size")).toEqual(written(body));
  });
});
