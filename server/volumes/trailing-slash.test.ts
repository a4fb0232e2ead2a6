// A path ending in "/" names a folder. File operations refuse it with 400 instead of quietly
// dropping the slash (`upload?path=dir/` used to create a file named `dir`); folder operations
// keep accepting it.
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../shared/api/errors.js";
import { jsonOf, startTestStack, type TestStack } from "../test-support/stack.js";

const q = encodeURIComponent;

describe("trailing slash = folder path", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await mkdir(stack.onDisk("uploads", "slash/dir"), { recursive: true });
    await writeFile(stack.onDisk("uploads", "slash/file.txt"), "hello");
  });
  afterAll(() => stack?.close());

  const kindOf = (rel: string) =>
    stat(stack.onDisk("uploads", rel)).then(
      (s) => (s.isDirectory() ? "directory" : "file"),
      () => "missing",
    );
  const writes = () => stack.upstream.filter((u) => u.method === "PUT" || u.method === "DELETE").length;

  async function expectFolderPathRefused(res: Response) {
    expect(res.status).toBe(400);
    const body = await jsonOf<ApiErrorBody>(res);
    expect(body.code).toBe("INVALID_PATH");
    expect(body.message).toMatch(/ends with "\/", so it names a folder/);
  }

  it("refuses an upload to dir/ with 400, whether or not the folder exists", async () => {
    const before = writes();
    for (const rel of ["slash/new/", "slash/dir/", "slash/file.txt/"]) {
      await expectFolderPathRefused(
        await stack.fetch("alice", `/api/files/uploads/upload?path=${q(rel)}&overwrite=true`, {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "not a file name",
        }),
      );
    }
    expect(writes()).toBe(before);
    expect(await kindOf("slash/new")).toBe("missing");
    expect(await kindOf("slash/dir")).toBe("directory");
    expect(await readFile(stack.onDisk("uploads", "slash/file.txt"), "utf8")).toBe("hello");
  });

  it("refuses file reads of x/: raw, download, HEAD, metadata, preview, read", async () => {
    for (const op of ["raw", "download", "metadata", "preview", "read"]) {
      await expectFolderPathRefused(
        await stack.fetch("alice", `/api/files/uploads/${op}?path=slash/file.txt/`),
      );
    }
    for (const op of ["raw", "download"]) {
      const head = await stack.fetch("alice", `/api/files/uploads/${op}?path=slash/file.txt/`, {
        method: "HEAD",
      });
      expect(head.status, op).toBe(400);
    }
    // Without the slash the file is there.
    expect((await stack.fetch("alice", "/api/files/uploads/metadata?path=slash/file.txt")).status).toBe(200);
  });

  it("refuses a multipart part whose name ends with /", async () => {
    const form = new FormData();
    form.append("file", new Blob(["x"]), "sub/");
    const res = await stack.fetch("alice", "/api/files/uploads/upload?path=slash", {
      method: "POST",
      body: form,
    });
    expect(res.status).toBe(400);
    expect((await jsonOf<ApiErrorBody>(res)).message).toMatch(/ends with "\/"/);
    expect(await kindOf("slash/sub")).toBe("missing");
  });

  it("refuses moving a file to dir/ (it would become a file named dir)", async () => {
    const res = await stack.fetch("alice", "/api/files/uploads/move", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "slash/file.txt", to: "slash/elsewhere/" }),
    });
    await expectFolderPathRefused(res);
    expect(await kindOf("slash/file.txt")).toBe("file");
    expect(await kindOf("slash/elsewhere")).toBe("missing");
  });

  it("keeps accepting folder paths with a trailing slash where a folder is meant", async () => {
    expect((await stack.fetch("alice", "/api/files/uploads/list?path=slash/dir/")).status).toBe(200);
    expect(await (await stack.fetch("alice", "/api/files/uploads/exists?path=slash/dir/")).json()).toEqual({
      exists: true,
      type: "directory",
    });
    const made = await stack.fetch("alice", "/api/files/uploads/mkdir", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "slash/made/" }),
    });
    expect(made.status).toBe(200);
    expect(await kindOf("slash/made")).toBe("directory");
    // A multipart upload's path is the folder the files go into: a trailing slash is natural there.
    const form = new FormData();
    form.append("file", new Blob(["in dir"]), "inside.txt");
    const into = await stack.fetch("alice", "/api/files/uploads/upload?path=slash/dir/", {
      method: "POST",
      body: form,
    });
    expect(into.status).toBe(200);
    expect(await readFile(stack.onDisk("uploads", "slash/dir/inside.txt"), "utf8")).toBe("in dir");
  });
});
