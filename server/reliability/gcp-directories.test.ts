// A local workspace on `cloud: gcp` (LOCAL_WORKSPACE_CLOUD): there a directory disappears with its
// last child, and deleting it afterwards is 404 FILES_API_DIRECTORY_IS_NOT_FOUND. The app's
// recursive delete and folder move still finish cleanly, counting such a directory as removed.
import { mkdir, stat, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeleteResponse } from "../../shared/api/files.js";
import { jsonOf, startTestStack, type TestStack } from "../test-support/stack.js";

describe("folders on a GCS-backed volume", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ seed: false, env: { LOCAL_WORKSPACE_CLOUD: "gcp" } });
  });
  afterAll(() => stack?.close());

  async function tree(root: string): Promise<void> {
    for (const rel of ["a.txt", "sub/b.txt", "sub/deeper/c.txt"]) {
      const file = stack.onDisk("uploads", `${root}/${rel}`);
      await mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
      await writeFile(file, rel);
    }
  }
  const gone = (rel: string) =>
    stat(stack.onDisk("uploads", rel)).then(
      () => false,
      () => true,
    );

  it("runs on gcp", () => {
    expect(stack.emulator.cloud).toBe("gcp");
    expect(stack.info.cloud).toBe("gcp");
  });

  it("deletes a folder recursively although its folders vanish with their last file", async () => {
    await tree("del");
    const res = await stack.fetch("alice", "/api/files/uploads?path=del&recursive=true", {
      method: "DELETE",
    });
    expect(res.status).toBe(200);
    // Three files and three folders (del, sub, deeper), each gone by the end.
    expect(await jsonOf<DeleteResponse>(res)).toEqual({ success: true, deleted: 6 });
    expect(await gone("del")).toBe(true);
  });

  it("moves a folder, leaving nothing behind", async () => {
    await tree("mv");
    const res = await stack.fetch("alice", "/api/files/uploads/move", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "mv", to: "moved" }),
    });
    expect(res.status).toBe(200);
    expect(await gone("mv")).toBe(true);
    expect(await gone("moved/sub/deeper/c.txt")).toBe(false);
  });
});
