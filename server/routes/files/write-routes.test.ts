// mkdir, delete (recursive too) and move through the local Apps proxy, with the policy and
// audit rules every write follows.
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import type { DeleteResponse, MoveResponse } from "../../../shared/api/files.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

const q = encodeURIComponent;

describe("write routes", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  const exists = (rel: string) =>
    stat(stack.onDisk("uploads", rel)).then(
      () => true,
      () => false,
    );
  const post = (url: string, body: unknown, who: "alice" | "bob" = "alice") =>
    stack.fetch(who, url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const del = (rel: string, recursive = false, who: "alice" | "bob" = "alice") =>
    stack.fetch(who, `/api/files/uploads?path=${q(rel)}${recursive ? "&recursive=true" : ""}`, {
      method: "DELETE",
    });
  async function tree(root: string, files: Record<string, string>): Promise<void> {
    for (const [rel, content] of Object.entries(files)) {
      const file = stack.onDisk("uploads", `${root}/${rel}`);
      await mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
      await writeFile(file, content);
    }
  }
  const audits = () =>
    stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.audit === true);

  it("creates folders with parents, idempotently", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await post("/api/files/uploads/mkdir", { path: "made/a/b" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ success: true });
    }
    expect((await stat(stack.onDisk("uploads", "made/a/b"))).isDirectory()).toBe(true);
    expect(
      audits().filter((a) => a.action === "mkdir" && a.path === "made/a/b" && a.outcome === "succeeded"),
    ).toHaveLength(2);
  });

  it("denies by policy with AppKit's message, and audits it", async () => {
    const res = await stack.fetch("alice", "/api/files/shared/mkdir", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "new" }),
    });
    expect(res.status).toBe(403);
    const body = await jsonOf<ApiErrorBody>(res);
    expect(body).toMatchObject({
      code: "POLICY_DENIED",
      message: 'Policy denied "mkdir" on volume "shared"',
      status: 403,
    });
    expect(body.error).toBe(body.message);
    expect(audits().find((a) => a.volume === "shared" && a.action === "mkdir")).toMatchObject({
      outcome: "denied",
      user: { email: "alice@example.com" },
      executedAs: "service-principal",
    });
  });

  it("deletes a file, an empty folder, and refuses a full folder without recursive", async () => {
    await tree("del", { "one.txt": "1", "full/two.txt": "2" });
    await mkdir(stack.onDisk("uploads", "del/empty"), { recursive: true });
    expect((await del("del/one.txt")).status).toBe(200);
    expect(await exists("del/one.txt")).toBe(false);
    expect(await jsonOf<DeleteResponse>(await del("del/empty"))).toEqual({ success: true, deleted: 1 });
    const full = await del("del/full");
    expect(full.status).toBe(409);
    expect((await jsonOf<ApiErrorBody>(full)).code).toBe("DIRECTORY_NOT_EMPTY");
    expect((await del("del/nothing-here")).status).toBe(404);
    // bob has READ only on this on-behalf-of-user volume: Unity Catalog says no.
    const bob = await del("del/full/two.txt", false, "bob");
    expect(bob.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(bob)).code).toBe("PERMISSION_DENIED");
    expect(await exists("del/full/two.txt")).toBe(true);
  });

  it("deletes a folder recursively, deepest first, and counts what it removed", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`d${i % 3}/sub${i % 2}/f${i}.txt`] = String(i);
    await tree("rec", files);
    await mkdir(stack.onDisk("uploads", "rec/empty/deeper"), { recursive: true });
    const res = await del("rec", true);
    expect(res.status).toBe(200);
    // 30 files, 3 + 6 sub-folders, empty + deeper, and rec itself.
    expect(await jsonOf<DeleteResponse>(res)).toEqual({ success: true, deleted: 30 + 9 + 2 + 1 });
    expect(await exists("rec")).toBe(false);
    expect((await del("rec", true)).status).toBe(404);
  });

  it("reports what a recursive delete could not remove", async () => {
    await tree("part", { "a.txt": "a", "b/c.txt": "c", "b/d.txt": "d" });
    stack.emulator.faults.add({
      method: "DELETE",
      pathPrefix: "/Volumes/main/demo/uploads/part/b/c.txt",
      status: 500,
      count: 5,
    });
    const res = await del("part", true);
    expect(res.status).toBe(207);
    const body = await jsonOf<DeleteResponse>(res);
    expect(body.success).toBe(false);
    expect(body.deleted).toBe(2);
    expect(body.failed).toEqual([
      { path: "part/b/c.txt", code: "UPSTREAM_ERROR", message: expect.any(String) },
    ]);
    expect(await exists("part/b/c.txt")).toBe(true);
    expect(await exists("part/a.txt")).toBe(false);
    stack.emulator.faults.clear();
  });

  it("moves a file, and refuses to overwrite unless asked", async () => {
    await tree("mv", { "a.txt": "alpha", "taken.txt": "taken" });
    const res = await post("/api/files/uploads/move", { from: "mv/a.txt", to: "mv/renamed/b.txt" });
    expect(res.status).toBe(200);
    expect(await jsonOf<MoveResponse>(res)).toEqual({
      success: true,
      from: "mv/a.txt",
      to: "mv/renamed/b.txt",
      moved: 1,
    });
    expect(await readFile(stack.onDisk("uploads", "mv/renamed/b.txt"), "utf8")).toBe("alpha");
    expect(await exists("mv/a.txt")).toBe(false);

    const clash = await post("/api/files/uploads/move", { from: "mv/renamed/b.txt", to: "mv/taken.txt" });
    expect(clash.status).toBe(409);
    expect(await readFile(stack.onDisk("uploads", "mv/taken.txt"), "utf8")).toBe("taken");
    const forced = await post("/api/files/uploads/move", {
      from: "mv/renamed/b.txt",
      to: "mv/taken.txt",
      overwrite: true,
    });
    expect(forced.status).toBe(200);
    expect(await readFile(stack.onDisk("uploads", "mv/taken.txt"), "utf8")).toBe("alpha");

    expect((await post("/api/files/uploads/move", { from: "mv", to: "mv/inside" })).status).toBe(400);
    expect((await post("/api/files/uploads/move", { from: "mv/nothing", to: "mv/x" })).status).toBe(404);
  });

  it("moves a folder with its empty sub-folders", async () => {
    await tree("folder", { "x.txt": "x", "deep/er/y.txt": "y" });
    await mkdir(stack.onDisk("uploads", "folder/hollow"), { recursive: true });
    const res = await post("/api/files/uploads/move", { from: "folder", to: "moved/folder" });
    expect(res.status).toBe(200);
    expect(await jsonOf<MoveResponse>(res)).toMatchObject({ success: true, moved: 2 });
    expect(await readFile(stack.onDisk("uploads", "moved/folder/deep/er/y.txt"), "utf8")).toBe("y");
    expect((await stat(stack.onDisk("uploads", "moved/folder/hollow"))).isDirectory()).toBe(true);
    expect(await exists("folder")).toBe(false);
  });

  it("keeps every source file whose copy failed", async () => {
    await tree("src", { "ok.txt": "ok", "bad.txt": "bad bytes" });
    stack.emulator.faults.add({
      method: "PUT",
      pathPrefix: "/Volumes/main/demo/uploads/dst/bad.txt",
      status: 500,
    });
    const res = await post("/api/files/uploads/move", { from: "src", to: "dst" });
    expect(res.status).toBe(207);
    const body = await jsonOf<MoveResponse>(res);
    expect(body).toMatchObject({ success: false, moved: 1 });
    expect(body.failed?.map((f) => f.path)).toEqual(["src/bad.txt"]);
    expect(await readFile(stack.onDisk("uploads", "src/bad.txt"), "utf8")).toBe("bad bytes");
    expect(await exists("dst/bad.txt")).toBe(false);
    expect(await readFile(stack.onDisk("uploads", "dst/ok.txt"), "utf8")).toBe("ok");
    expect(await exists("src/ok.txt")).toBe(false);

    // A single file whose copy breaks off half-way on every attempt (reads resume after a break,
    // within the retry budget): the source stays, nothing half-written appears.
    await tree("one", { "f.bin": "z".repeat(200_000) });
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/uploads/one/f.bin",
      resetAfterBytes: 20_000,
      count: 10,
    });
    const broken = await post("/api/files/uploads/move", { from: "one/f.bin", to: "one/g.bin" });
    expect(broken.status).toBe(502);
    expect((await readFile(stack.onDisk("uploads", "one/f.bin"))).length).toBe(200_000);
    expect(await exists("one/g.bin")).toBe(false);
    stack.emulator.faults.clear();
  });

  it("checks a move against the policy at both ends", async () => {
    // inbox: alice may write only under users/alice@example.com/.
    const own = "users/alice@example.com";
    await stack.fetch("alice", `/api/files/inbox/upload?path=${q(`${own}/m.txt`)}`, {
      method: "POST",
      body: "m",
    });
    const out = await stack.fetch("alice", "/api/files/inbox/move", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: `${own}/m.txt`, to: "users/bob@example.com/m.txt" }),
    });
    expect(out.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(out)).message).toBe('Policy denied "move" on volume "inbox"');
    expect(await readFile(stack.onDisk("inbox", `${own}/m.txt`), "utf8")).toBe("m");
  });
});
