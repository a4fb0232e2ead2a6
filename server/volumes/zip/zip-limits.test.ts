// Zip downloads that are too big are refused before the first byte, with a 413 naming the limit
// (FILES_ZIP_MAX_ENTRIES), never cut off part-way; and the archive name is a file name only.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

const run = promisify(execFile);
const q = encodeURIComponent;
const LIMIT = 5;

describe("zip limits and names", () => {
  let stack: TestStack;
  let scratch: string;
  beforeAll(async () => {
    stack = await startTestStack({ env: { FILES_ZIP_MAX_ENTRIES: String(LIMIT) } });
    scratch = await mkdtemp(path.join(tmpdir(), "zip-limits-"));
    // `fits`: the folder + 4 files = 5 entries. `over`: the folder + 3 files + a sub-folder + 1 = 6.
    const put = async (rel: string, text: string) => {
      const file = stack.onDisk("shared", rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    };
    for (let i = 1; i <= 4; i++) await put(`zipcap/fits/f${i}.txt`, `fits ${i}`);
    for (let i = 1; i <= 3; i++) await put(`zipcap/over/f${i}.txt`, `over ${i}`);
    await put("zipcap/over/sub/deep.txt", "deep");
  });
  afterAll(async () => {
    await stack?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  async function saved(res: Response, name: string): Promise<string> {
    const file = path.join(scratch, name);
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    return file;
  }

  it("streams a folder of exactly the limit completely", async () => {
    const res = await stack.fetch("bob", "/api/files/shared/zip?path=zipcap/fits");
    expect(res.status).toBe(200);
    const file = await saved(res, "fits.zip");
    await run("unzip", ["-tq", file]);
    const { stdout } = await run("unzip", ["-Z1", file]);
    expect(stdout.trim().split("\n").sort()).toEqual([
      "fits/",
      "fits/f1.txt",
      "fits/f2.txt",
      "fits/f3.txt",
      "fits/f4.txt",
    ]);
  });

  it("refuses one entry over the limit with a 413 before the first byte, naming the limit", async () => {
    for (const query of ["path=zipcap/over", "path=zipcap/fits&path=zipcap/over/f1.txt"]) {
      const res = await stack.fetch("bob", `/api/files/shared/zip?${query}`);
      expect(res.status, query).toBe(413);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("content-disposition")).toBeNull();
      const body = await jsonOf<ApiErrorBody>(res);
      expect(body.code).toBe("TOO_MANY_ENTRIES");
      expect(body.message).toContain(`more than ${LIMIT} files and folders`);
      expect(body.message).toContain("FILES_ZIP_MAX_ENTRIES");
    }
  });

  it("saves under a file name only, whatever name= says", async () => {
    const cases: Array<[string, string]> = [
      ["../../evil", "evil.zip"],
      ["..\\..\\evil.zip", "evil.zip"],
      ["/etc/cron.d/job", "job.zip"],
      ["..", "fits.zip"],
      ["../", "fits.zip"],
      [".bashrc", "bashrc.zip"],
      ["a\u0000b\u202ec", "abc.zip"],
    ];
    for (const [name, expected] of cases) {
      const res = await stack.fetch("bob", `/api/files/shared/zip?path=zipcap/fits&name=${q(name)}`);
      expect(res.status, name).toBe(200);
      const disposition = res.headers.get("content-disposition") ?? "";
      expect(disposition, name).toBe(`attachment; filename="${expected}"`);
      expect(disposition).not.toMatch(/\.\.|\/|\\/);
      await res.arrayBuffer();
    }
  });
});
