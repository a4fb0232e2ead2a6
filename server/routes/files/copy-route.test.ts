// POST /api/files/:volume/copy through the local Apps proxy: within a volume and across volumes
// in both auth modes, folders, conflicts, policy and grants, and failures half-way.
import { mkdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import type { CopyResponse } from "../../../shared/api/files.js";
import { jsonOf, startTestStack, type TestStack, type Who } from "../../test-support/stack.js";

describe("copy route", () => {
  let stack: TestStack;
  beforeAll(async () => {
    // inbox takes uploads up to 1 MB: a copy into it is an upload and keeps to that limit.
    stack = await startTestStack({ env: { FILES_INBOX_MAX_UPLOAD_SIZE: "1MB" } });
  });
  afterAll(() => stack?.close());

  const exists = (volume: string, rel: string) =>
    stat(stack.onDisk(volume, rel)).then(
      () => true,
      () => false,
    );
  const text = (volume: string, rel: string) => readFile(stack.onDisk(volume, rel), "utf8");
  const copy = (volume: string, body: unknown, who: Who = "alice") =>
    stack.fetch(who, `/api/files/${volume}/copy`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  async function tree(volume: string, root: string, files: Record<string, string>): Promise<void> {
    for (const [rel, content] of Object.entries(files)) {
      const file = stack.onDisk(volume, `${root}/${rel}`);
      await mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
      await writeFile(file, content);
    }
  }
  const audits = () =>
    stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.audit === true);
  const own = "users/alice@example.com";

  it("copies a file within a volume and leaves the source", async () => {
    await tree("uploads", "cp", { "a.txt": "alpha" });
    const res = await copy("uploads", { from: "cp/a.txt", to: "cp/copies/a.txt" });
    expect(res.status).toBe(200);
    expect(await jsonOf<CopyResponse>(res)).toEqual({
      success: true,
      from: "cp/a.txt",
      to: "cp/copies/a.txt",
      toVolume: "uploads",
      copied: 1,
    });
    expect(await text("uploads", "cp/copies/a.txt")).toBe("alpha");
    expect(await text("uploads", "cp/a.txt")).toBe("alpha");
    expect(audits()).toContainEqual(
      expect.objectContaining({
        action: "upload",
        volume: "uploads",
        path: "cp/copies/a.txt",
        source: "uploads:cp/a.txt",
        outcome: "succeeded",
      }),
    );
  });

  it("copies across volumes: a service-principal source into an on-behalf-of-user volume", async () => {
    await tree("shared", "ref", { "table.csv": "a,b\n1,2\n" });
    const res = await copy("shared", {
      from: "ref/table.csv",
      to: "from-shared/table.csv",
      toVolume: "uploads",
    });
    expect(res.status).toBe(200);
    expect(await text("uploads", "from-shared/table.csv")).toBe("a,b\n1,2\n");
    // The destination was written with alice's own token (uploads is on-behalf-of-user).
    expect(audits()).toContainEqual(
      expect.objectContaining({ volume: "uploads", path: "from-shared/table.csv", executedAs: "user" }),
    );
    // bob can read shared but holds no WRITE VOLUME on uploads: Unity Catalog refuses, nothing lands.
    const refused = await copy(
      "shared",
      { from: "ref/table.csv", to: "bob/table.csv", toVolume: "uploads" },
      "bob",
    );
    expect(refused.status).toBe(403);
    expect(await exists("uploads", "bob/table.csv")).toBe(false);
  });

  it("copies across volumes: an on-behalf-of-user source into a service-principal volume", async () => {
    await tree("uploads", "mine", { "notes.md": "# notes" });
    const res = await copy("uploads", { from: "mine/notes.md", to: `${own}/notes.md`, toVolume: "inbox" });
    expect(res.status).toBe(200);
    expect(await text("inbox", `${own}/notes.md`)).toBe("# notes");
    expect(audits()).toContainEqual(
      expect.objectContaining({ volume: "inbox", path: `${own}/notes.md`, executedAs: "service-principal" }),
    );
    // carol has no grant on uploads: her read runs as her and Unity Catalog refuses it.
    const carol = await copy(
      "uploads",
      { from: "mine/notes.md", to: "users/carol@example.com/n.md", toVolume: "inbox" },
      "carol",
    );
    expect(carol.status).toBe(403);
    expect(await exists("inbox", "users/carol@example.com/n.md")).toBe(false);
  });

  it("copies a folder with its empty sub-folders", async () => {
    await tree("uploads", "proj", { "a.txt": "a", "deep/er/b.txt": "b" });
    await mkdir(stack.onDisk("uploads", "proj/hollow"), { recursive: true });
    const res = await copy("uploads", { from: "proj", to: `${own}/proj`, toVolume: "inbox" });
    expect(res.status).toBe(200);
    expect(await jsonOf<CopyResponse>(res)).toMatchObject({ success: true, copied: 2 });
    expect(await text("inbox", `${own}/proj/deep/er/b.txt`)).toBe("b");
    expect((await stat(stack.onDisk("inbox", `${own}/proj/hollow`))).isDirectory()).toBe(true);
    expect(await text("uploads", "proj/a.txt")).toBe("a");
  });

  it("refuses to overwrite unless asked", async () => {
    await tree("uploads", "clash", { "a.txt": "new", "b.txt": "old" });
    const res = await copy("uploads", { from: "clash/a.txt", to: "clash/b.txt" });
    expect(res.status).toBe(409);
    expect((await jsonOf<ApiErrorBody>(res)).code).toBe("ALREADY_EXISTS");
    expect(await text("uploads", "clash/b.txt")).toBe("old");
    const forced = await copy("uploads", { from: "clash/a.txt", to: "clash/b.txt", overwrite: true });
    expect(forced.status).toBe(200);
    expect(await text("uploads", "clash/b.txt")).toBe("new");
  });

  it("checks the policy at both ends, and rejects bad input with a 4xx", async () => {
    await tree("uploads", "pol", { "x.txt": "x" });
    // shared is public-read: nobody writes there through the app.
    const intoShared = await copy("uploads", { from: "pol/x.txt", to: "x.txt", toVolume: "shared" });
    expect(intoShared.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(intoShared)).message).toBe(
      'Policy denied "upload" on volume "shared"',
    );
    // inbox: alice writes only in her own folder.
    const elsewhere = await copy("uploads", {
      from: "pol/x.txt",
      to: "users/bob@example.com/x.txt",
      toVolume: "inbox",
    });
    expect(elsewhere.status).toBe(403);
    expect(await exists("inbox", "users/bob@example.com/x.txt")).toBe(false);

    const bad: Array<[unknown, number]> = [
      [{ from: "pol/x.txt", to: "../x.txt" }, 400],
      [{ from: "pol/x.txt", to: "" }, 400],
      [{ from: "pol/x.txt" }, 400],
      [{ from: "pol", to: "pol/inside" }, 400],
      [{ from: "pol/x.txt", to: "pol/x.txt" }, 400],
      [{ from: "pol/x.txt", to: "y.txt", toVolume: "nope" }, 404],
      [{ from: "pol/nothing", to: "y.txt" }, 404],
      [{ from: "pol/x.txt", to: "y.txt", overwrite: "yes" }, 400],
    ];
    for (const [body, status] of bad)
      expect([body, (await copy("uploads", body)).status]).toEqual([body, status]);
  });

  it("reports a source file deleted during a folder copy, and copies the rest", async () => {
    await tree("uploads", "racy", { "keep.txt": "keep", "gone.txt": "gone" });
    // The download of gone.txt waits; meanwhile someone deletes it.
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/uploads/racy/gone.txt",
      delayMs: 400,
    });
    const pending = copy("uploads", { from: "racy", to: "racy-copy" });
    await new Promise((r) => setTimeout(r, 150));
    await unlink(stack.onDisk("uploads", "racy/gone.txt"));
    const res = await pending;
    expect(res.status).toBe(207);
    const body = await jsonOf<CopyResponse>(res);
    expect(body).toMatchObject({ success: false, copied: 1 });
    expect(body.failed).toEqual([expect.objectContaining({ path: "racy/gone.txt", code: "NOT_FOUND" })]);
    expect(await text("uploads", "racy-copy/keep.txt")).toBe("keep");
    expect(await exists("uploads", "racy-copy/gone.txt")).toBe(false);
    stack.emulator.faults.clear();
  });

  it("resumes a source read that breaks once; copies the exact bytes", async () => {
    await tree("uploads", "once", { "f.bin": "y".repeat(300_000) });
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/uploads/once/f.bin",
      resetAfterBytes: 60_000,
    });
    const res = await copy("uploads", { from: "once/f.bin", to: `${own}/once.bin`, toVolume: "inbox" });
    expect(res.status).toBe(200);
    expect(await text("inbox", `${own}/once.bin`)).toBe("y".repeat(300_000));
    stack.emulator.faults.clear();
  });

  it("leaves nothing at the destination when the source keeps breaking off mid-stream", async () => {
    await tree("uploads", "big", { "f.bin": "z".repeat(300_000) });
    // More breaks than the read-resume budget (FILES_READ_RETRIES) allows.
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/uploads/big/f.bin",
      resetAfterBytes: 60_000,
      count: 10,
    });
    const res = await copy("uploads", { from: "big/f.bin", to: `${own}/f.bin`, toVolume: "inbox" });
    expect(res.status).toBe(502);
    expect(await exists("inbox", `${own}/f.bin`)).toBe(false);
    expect((await readFile(stack.onDisk("uploads", "big/f.bin"))).length).toBe(300_000);

    // Overwriting: the old bytes stay whole when the new ones break off.
    await tree("inbox", own, { "f.bin": "old" });
    stack.emulator.faults.clear();
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/uploads/big/f.bin",
      resetAfterBytes: 60_000,
      count: 10,
    });
    const again = await copy("uploads", {
      from: "big/f.bin",
      to: `${own}/f.bin`,
      toVolume: "inbox",
      overwrite: true,
    });
    expect(again.status).toBe(502);
    expect(await text("inbox", `${own}/f.bin`)).toBe("old");
    stack.emulator.faults.clear();
  });

  it("keeps to the destination's upload limit, before writing a byte", async () => {
    await tree("uploads", "large", { "two-mb.bin": "x".repeat(2_000_000) });
    const res = await copy("uploads", {
      from: "large/two-mb.bin",
      to: `${own}/two-mb.bin`,
      toVolume: "inbox",
    });
    expect(res.status).toBe(413);
    expect(await exists("inbox", `${own}/two-mb.bin`)).toBe(false);
    // Within uploads (5 GiB) the same file copies.
    expect((await copy("uploads", { from: "large/two-mb.bin", to: "large/again.bin" })).status).toBe(200);
  });

  it("needs the CSRF header like every other write", async () => {
    const res = await stack.fetch("alice", "/api/files/uploads/copy", {
      method: "POST",
      headers: { "content-type": "application/json", "x-requested-with": "" },
      body: JSON.stringify({ from: "cp/a.txt", to: "cp/b.txt" }),
    });
    expect(res.status).toBe(403);
    expect(await exists("uploads", "cp/b.txt")).toBe(false);
  });
});
