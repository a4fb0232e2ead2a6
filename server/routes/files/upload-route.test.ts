// Uploads through the local Apps proxy: raw and multipart bodies, limits before and while
// reading, conflicts, client aborts, trickling clients, CSRF, and flat memory.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import type { MultipartUploadResponse, UploadResponse } from "../../../shared/api/files.js";
import { rawRequest, sleep, writeChunk } from "../../test-support/http.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

const q = encodeURIComponent;
const LIMIT = 1024 * 1024;

describe("uploads", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        FILES_UPLOADS_MAX_UPLOAD_SIZE: "1MiB",
        FILES_UPLOAD_MIN_RATE: "20KiB",
        FILES_UPLOAD_MIN_RATE_WINDOW: "1s",
      },
    });
  });
  afterAll(() => stack?.close());

  const exists = (key: string, rel: string) =>
    stat(stack.onDisk(key, rel)).then(
      () => true,
      () => false,
    );
  const staged = async () =>
    (await readdir(path.join(stack.workspaceDir, ".staging"))).filter((n) => n.endsWith(".part"));
  async function settle(): Promise<void> {
    const deadline = Date.now() + 3000;
    while (stack.emulator.stats.openRequests > 0 || (await staged()).length > 0) {
      if (Date.now() > deadline) throw new Error("upstream requests or staged bodies did not settle");
      await sleep(20);
    }
  }
  const upload = (
    who: "alice" | "bob",
    url: string,
    body: RequestInit["body"],
    headers: Record<string, string> = {},
  ) => stack.fetch(who, url, { method: "POST", body, headers });

  it("streams a raw body of any type to the file, byte for byte", async () => {
    const body = JSON.stringify({ not: "parsed" });
    const res = await upload("alice", "/api/files/uploads/upload?path=drafts/raw.json", body, {
      "content-type": "application/json",
    });
    expect(res.status).toBe(200);
    expect(await jsonOf<UploadResponse>(res)).toEqual({
      success: true,
      path: "drafts/raw.json",
      size: body.length,
    });
    expect(await readFile(stack.onDisk("uploads", "drafts/raw.json"), "utf8")).toBe(body);
  });

  it("never overwrites unless asked: 409, then overwrite=true", async () => {
    const first = await upload("alice", "/api/files/uploads/upload?path=drafts/once.txt", "one");
    expect(first.status).toBe(200);
    const again = await upload("alice", "/api/files/uploads/upload?path=drafts/once.txt", "two");
    expect(again.status).toBe(409);
    expect((await jsonOf<ApiErrorBody>(again)).code).toBe("ALREADY_EXISTS");
    expect(await readFile(stack.onDisk("uploads", "drafts/once.txt"), "utf8")).toBe("one");
    const forced = await upload(
      "alice",
      "/api/files/uploads/upload?path=drafts/once.txt&overwrite=true",
      "two",
    );
    expect(forced.status).toBe(200);
    expect(await readFile(stack.onDisk("uploads", "drafts/once.txt"), "utf8")).toBe("two");
  });

  it("answers 413 from Content-Length before reading a byte", async () => {
    stack.emulator.stats.reset();
    const { base, headers } = stack.target("alice");
    const started = Date.now();
    const res = await rawRequest(`${base}/api/files/uploads/upload?path=drafts/huge.bin`, {
      method: "POST",
      headers: { ...headers, "x-requested-with": "t", "content-length": String(LIMIT * 50) },
      write: async (req) => {
        await writeChunk(req, Buffer.alloc(1024));
        await sleep(1500); // the answer must not wait for a body that never comes
      },
    });
    expect(res.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(1200);
    const body = JSON.parse(res.body.toString());
    expect(body.code).toBe("PAYLOAD_TOO_LARGE");
    // The limit as the admin wrote it (FILES_UPLOADS_MAX_UPLOAD_SIZE=1MiB), not a byte count.
    expect(body.message).toBe("The upload is larger than this volume's limit of 1 MiB per file.");
    expect(stack.emulator.stats.requestCount({ method: "PUT" })).toBe(0);
    expect(await exists("uploads", "drafts/huge.bin")).toBe(false);
  });

  it("answers 413 when a streamed body passes the limit, keeping the old file", async () => {
    await writeFile(stack.onDisk("uploads", "drafts/keep.bin"), "original bytes");
    const { base, headers } = stack.target("alice");
    const res = await rawRequest(`${base}/api/files/uploads/upload?path=drafts/keep.bin&overwrite=true`, {
      method: "POST",
      headers: { ...headers, "x-requested-with": "t", "transfer-encoding": "chunked" },
      write: async (req) => {
        for (let sent = 0; sent <= LIMIT + 64 * 1024; sent += 64 * 1024) {
          if (!(await writeChunk(req, Buffer.alloc(64 * 1024, 1)))) return;
        }
      },
    });
    expect(res.status).toBe(413);
    await settle();
    expect(await readFile(stack.onDisk("uploads", "drafts/keep.bin"), "utf8")).toBe("original bytes");
  });

  it("aborts the upstream PUT when the client goes away", async () => {
    const { base, headers } = stack.target("alice");
    await rawRequest(`${base}/api/files/uploads/upload?path=drafts/abandoned.bin`, {
      method: "POST",
      headers: { ...headers, "x-requested-with": "t", "content-length": String(LIMIT - 1) },
      write: async (req) => {
        await writeChunk(req, Buffer.alloc(200 * 1024, 2));
        await sleep(200);
        req.destroy();
      },
    }).catch(() => undefined);
    await settle();
    expect(await exists("uploads", "drafts/abandoned.bin")).toBe(false);
  });

  it("cuts an upload that trickles below the minimum rate", async () => {
    const { base, headers } = stack.target("alice");
    const started = Date.now();
    const res = await rawRequest(`${base}/api/files/uploads/upload?path=drafts/slow.txt`, {
      method: "POST",
      headers: { ...headers, "x-requested-with": "t", "transfer-encoding": "chunked" },
      write: async (req) => {
        while (Date.now() - started < 5000) {
          if (!(await writeChunk(req, "x".repeat(100)))) return;
          await sleep(100);
        }
      },
    });
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body.toString()).code).toBe("UPLOAD_TOO_SLOW");
    expect(Date.now() - started).toBeLessThan(4000);
    await settle();
    expect(await exists("uploads", "drafts/slow.txt")).toBe(false);
  });

  it("uploads each multipart file and reports each outcome", async () => {
    await writeFile(stack.onDisk("uploads", "drafts/form/taken.txt"), "taken").catch(async () => {
      await upload("alice", "/api/files/uploads/upload?path=drafts/form/taken.txt", "taken");
    });
    const form = new FormData();
    form.append("note", "a field, ignored");
    form.append("file", new Blob(["alpha"]), "a.txt");
    form.append("file", new Blob(["clash"]), "taken.txt");
    form.append("file", new Blob([Buffer.alloc(LIMIT + 1, 3)]), "big.bin");
    form.append("file", new Blob(["after the failures"]), "d.txt");
    form.append("file", new Blob(["nested"]), "sub/e.txt");
    form.append("file", new Blob(["escape"]), "../x.txt");
    const res = await upload("alice", "/api/files/uploads/upload?path=drafts/form", form);
    expect(res.status).toBe(207);
    const body = await jsonOf<MultipartUploadResponse>(res);
    expect(body.success).toBe(false);
    expect(body.results.map((r) => [r.name, r.status])).toEqual([
      ["a.txt", "uploaded"],
      ["taken.txt", "conflict"],
      ["big.bin", "too-large"],
      ["d.txt", "uploaded"],
      ["sub/e.txt", "uploaded"],
      ["../x.txt", "failed"],
    ]);
    expect(body.results[0]).toMatchObject({ path: "drafts/form/a.txt", size: 5 });
    expect(await readFile(stack.onDisk("uploads", "drafts/form/sub/e.txt"), "utf8")).toBe("nested");
    expect(await readFile(stack.onDisk("uploads", "drafts/form/taken.txt"), "utf8")).toBe("taken");
    expect(await exists("uploads", "drafts/form/big.bin")).toBe(false);
    expect(await exists("uploads", "drafts/x.txt")).toBe(false);
    await settle();
  });

  it("answers a one-file form like a raw upload: 413 with the old bytes intact", async () => {
    await writeFile(stack.onDisk("uploads", "drafts/form/solo.bin"), "old");
    const form = new FormData();
    form.append("file", new Blob([Buffer.alloc(LIMIT + 10, 4)]), "solo.bin");
    const res = await upload("alice", "/api/files/uploads/upload?path=drafts/form&overwrite=true", form);
    expect(res.status).toBe(413);
    expect((await jsonOf<ApiErrorBody>(res)).code).toBe("PAYLOAD_TOO_LARGE");
    await settle();
    expect(await readFile(stack.onDisk("uploads", "drafts/form/solo.bin"), "utf8")).toBe("old");

    const ok = new FormData();
    ok.append("file", new Blob(["fresh"]), "fresh.txt");
    const good = await upload("alice", "/api/files/uploads/upload?path=drafts/form", ok);
    expect(good.status).toBe(200);
    expect(await jsonOf<MultipartUploadResponse>(good)).toEqual({
      success: true,
      results: [{ name: "fresh.txt", path: "drafts/form/fresh.txt", status: "uploaded", size: 5 }],
    });
  });

  it("answers a malformed form with 400, never a 500", async () => {
    for (const contentType of ["multipart/form-data; boundary=xyz", "multipart/form-data"]) {
      const res = await upload("alice", "/api/files/uploads/upload?path=drafts", "garbage", {
        "content-type": contentType,
      });
      expect(res.status).toBe(400);
      expect((await jsonOf<ApiErrorBody>(res)).code).toBe("INVALID_REQUEST");
    }
  });

  it("refuses cross-site and header-less mutations (CSRF)", async () => {
    const { base, headers } = stack.target("alice");
    const attempt = (extra: Record<string, string>) =>
      fetch(`${base}/api/files/uploads/upload?path=drafts/csrf.txt`, {
        method: "POST",
        body: "x",
        headers: { ...headers, ...extra },
      });
    const noMarker = await attempt({});
    expect(noMarker.status).toBe(403);
    expect((await jsonOf<ApiErrorBody>(noMarker)).code).toBe("CSRF_REJECTED");
    expect((await attempt({ "x-requested-with": "t", origin: "https://evil.example" })).status).toBe(403);
    expect((await attempt({ "x-requested-with": "t", origin: "null" })).status).toBe(403);
    expect((await attempt({ "x-requested-with": "t", "sec-fetch-site": "same-site" })).status).toBe(403);
    expect(await exists("uploads", "drafts/csrf.txt")).toBe(false);
    const sameOrigin = await attempt({
      "x-requested-with": "t",
      origin: base,
      "sec-fetch-site": "same-origin",
    });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("keeps memory flat for a large upload", async () => {
    const size = 256 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 5);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const { base, headers } = stack.target("alice");
    const res = await rawRequest(
      `${base}/api/files/inbox/upload?path=${q("users/alice@example.com/large.bin")}`,
      {
        method: "POST",
        headers: { ...headers, "x-requested-with": "t", "content-length": String(size) },
        timeoutMs: 60_000,
        write: async (req) => {
          for (let sent = 0; sent < size; sent += chunk.length) await writeChunk(req, chunk);
        },
      },
    );
    clearInterval(sampler);
    expect(res.status).toBe(200);
    expect((await stat(stack.onDisk("inbox", "users/alice@example.com/large.bin"))).size).toBe(size);
    const growthMiB = (peak - before) / 1024 / 1024;
    console.log(
      `large upload: ${size / 1024 / 1024} MiB through proxy + app + emulator, RSS growth ${growthMiB.toFixed(1)} MiB`,
    );
    // Proxy, app and emulator share this process; a buffered body would add 256 MiB at least.
    expect(growthMiB).toBeLessThan(128);
  });
});
