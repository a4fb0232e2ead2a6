// Chunked uploads through the local Apps proxy against the emulator's large-upload protocols
// (multipart, resumable, none → held-open): bytes, receipts, offsets, tokens, limits, conflicts,
// cancel and expiry, and that nothing partial ever appears.
import { createHash, randomBytes } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UploadMode } from "../../../local-workspace/emulator/upload-sessions.js";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import type { UploadResponse } from "../../../shared/api/files.js";
import type {
  ChunkResponse,
  StartUploadResponse,
  UploadStatusResponse,
} from "../../../shared/api/uploads.js";
import { jsonOf, startTestStack, type TestStack, type Who } from "../../test-support/stack.js";
import { createUploadSealer } from "../../volumes/ops/chunked/upload-token.js";

const MiB = 1024 * 1024;
const SECRET = "chunked-upload-test-secret-0123456789abcdef";
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe("chunked uploads", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { FILES_UPLOADS_MAX_UPLOAD_SIZE: "64MiB", FILES_UPLOAD_SECRET: SECRET },
    });
  });
  afterAll(() => stack?.close());
  beforeEach(() => {
    stack.emulator.uploads.set(undefined);
    stack.emulator.faults.clear();
  });

  const onDisk = (rel: string) => stack.onDisk("uploads", rel);
  const exists = (rel: string) =>
    stat(onDisk(rel)).then(
      () => true,
      () => false,
    );

  async function start(
    path: string,
    size: number,
    options: { overwrite?: boolean; who?: Who; volume?: string } = {},
  ): Promise<Response> {
    return stack.fetch(options.who ?? "alice", `/api/files/${options.volume ?? "uploads"}/uploads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path, size, overwrite: options.overwrite }),
    });
  }

  async function started(path: string, size: number, overwrite = false): Promise<StartUploadResponse> {
    const res = await start(path, size, { overwrite });
    expect(res.status).toBe(201);
    return jsonOf<StartUploadResponse>(res);
  }

  function chunk(
    token: string,
    data: Buffer,
    offset: number,
    part?: number,
    who: Who = "alice",
  ): Promise<Response> {
    const query = `offset=${offset}${part === undefined ? "" : `&part=${part}`}`;
    return stack.fetch(who, `/api/files/uploads/uploads/chunk?${query}`, {
      method: "PUT",
      headers: { "x-upload-token": token, "content-type": "application/octet-stream" },
      body: data,
    });
  }

  const withToken = (token: string, method: string, suffix: string, body?: unknown, who: Who = "alice") =>
    stack.fetch(who, `/api/files/uploads/uploads${suffix}`, {
      method,
      headers: {
        "x-upload-token": token,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const complete = (token: string, parts?: string[]) =>
    withToken(token, "POST", "/complete", parts ? { parts } : {});

  async function errorOf(res: Response): Promise<ApiErrorBody> {
    return jsonOf<ApiErrorBody>(res);
  }

  describe.each<[UploadMode, StartUploadResponse["mode"]]>([
    ["multipart", "multipart"],
    ["resumable", "resumable"],
    ["none", "held-open"],
  ])("upstream %s", (upstream, mode) => {
    it(`uploads in chunks (${mode}); the file appears only once it is complete`, async () => {
      stack.emulator.uploads.set(upstream);
      const data = randomBytes(12 * MiB + 12_345);
      const path = `chunked/${mode}/whole.bin`;
      const s = await started(path, data.length);
      expect(s).toMatchObject({ mode, path, size: data.length });
      expect(s.parallel).toBe(mode === "multipart" ? 4 : 1);
      const step = 5 * MiB;
      const receipts: string[] = [];
      let token = s.token;
      const pieces = [];
      for (let offset = 0, part = 1; offset < data.length; offset += step, part++) {
        pieces.push({ offset, part, bytes: data.subarray(offset, Math.min(offset + step, data.length)) });
      }
      if (mode === "multipart") {
        // Parts in parallel and out of order: the receipts are the record.
        const answers = await Promise.all(
          [...pieces].reverse().map(async (p) => {
            const res = await chunk(token, p.bytes, p.offset, p.part);
            expect(res.status).toBe(200);
            return jsonOf<ChunkResponse>(res);
          }),
        );
        for (const a of answers) {
          expect(a.committed).toBeNull();
          receipts.push(a.receipt as string);
        }
      } else {
        for (const p of pieces) {
          const res = await chunk(token, p.bytes, p.offset);
          expect(res.status).toBe(200);
          const body = await jsonOf<ChunkResponse>(res);
          expect(body.committed).toBe(p.offset + p.bytes.length);
          token = body.token;
        }
      }
      // Nothing is placed before complete (resumable: the last chunk places it).
      if (mode !== "resumable") expect(await exists(path)).toBe(false);
      const done = await complete(token, mode === "multipart" ? receipts : undefined);
      expect(done.status).toBe(200);
      expect(await jsonOf<UploadResponse>(done)).toEqual({ success: true, path, size: data.length });
      expect(sha(await readFile(onDisk(path)))).toBe(sha(data));
      expect(stack.emulator.uploads.counts().open).toBe(0);
    });

    it(`cancel (${mode}) leaves an existing file with its old bytes and aborts upstream`, async () => {
      stack.emulator.uploads.set(upstream);
      const path = `chunked/${mode}/kept.txt`;
      await writeFile(onDisk(path), "old bytes");
      const data = randomBytes(6 * MiB);
      const s = await started(path, data.length, true);
      const first = await chunk(s.token, data.subarray(0, 5 * MiB), 0, mode === "multipart" ? 1 : undefined);
      expect(first.status).toBe(200);
      const aborted = stack.emulator.uploads.counts().aborted;
      const cancelled = await withToken(s.token, "DELETE", "");
      expect(cancelled.status).toBe(204);
      expect(await readFile(onDisk(path), "utf8")).toBe("old bytes");
      if (mode !== "held-open") expect(stack.emulator.uploads.counts().aborted).toBe(aborted + 1);
      // The upload is gone: its next chunk cannot land.
      const late = await chunk(
        s.token,
        data.subarray(5 * MiB),
        5 * MiB,
        mode === "multipart" ? 2 : undefined,
      );
      expect(late.status).toBeGreaterThanOrEqual(400);
      expect(late.status).toBeLessThan(500);
      expect(await readFile(onDisk(path), "utf8")).toBe("old bytes");
    });
  });

  it("resumable and held-open: a chunk at the wrong offset gets 409 naming the committed bytes", async () => {
    for (const upstream of ["resumable", "none"] as const) {
      stack.emulator.uploads.set(upstream);
      const data = randomBytes(3 * MiB);
      const s = await started(`chunked/offset-${upstream}.bin`, data.length);
      expect((await chunk(s.token, data.subarray(0, MiB), 0)).status).toBe(200);
      const skipped = await chunk(s.token, data.subarray(2 * MiB), 2 * MiB);
      expect(skipped.status).toBe(409);
      expect(skipped.headers.get("upload-committed")).toBe(String(MiB));
      expect((await errorOf(skipped)).code).toBe("UPLOAD_OFFSET_MISMATCH");
      const status = await withToken(s.token, "GET", "/status");
      expect(await jsonOf<UploadStatusResponse>(status)).toMatchObject({ committed: MiB, size: data.length });
      await withToken(s.token, "DELETE", "");
    }
  });

  it("a chunk cut mid-way is re-sent from what was committed, not from zero", async () => {
    stack.emulator.uploads.set("resumable");
    const data = randomBytes(4 * MiB);
    const path = "chunked/reset.bin";
    const s = await started(path, data.length);
    stack.emulator.stats.reset();
    // The store's connection breaks after 1.5 MiB of the first chunk (it keeps whole 256 KiB units).
    stack.emulator.faults.add({ method: "PUT", pathPrefix: "/__storage/", resetAfterBytes: 1.5 * MiB });
    const cut = await chunk(s.token, data.subarray(0, 2 * MiB), 0);
    expect(cut.status).toBeGreaterThanOrEqual(500);
    const status = await jsonOf<UploadStatusResponse>(await withToken(s.token, "GET", "/status"));
    expect(status.committed).toBe(1.5 * MiB);
    const rest = await chunk(s.token, data.subarray(status.committed as number), status.committed as number);
    expect(rest.status).toBe(200);
    expect((await complete(s.token)).status).toBe(200);
    expect(sha(await readFile(onDisk(path)))).toBe(sha(data));
    // The bytes before the cut were not sent again.
    expect(stack.emulator.stats.bytesReceived(stack.volumePath("uploads"))).toBeLessThan(
      data.length + 0.6 * MiB,
    );
  });

  it("multipart: a part that failed is re-sent alone; complete needs receipts covering every byte", async () => {
    stack.emulator.uploads.set("multipart");
    const data = randomBytes(11 * MiB);
    const path = "chunked/parts.bin";
    const s = await started(path, data.length);
    const parts = [
      { part: 1, offset: 0, bytes: data.subarray(0, 5 * MiB) },
      { part: 2, offset: 5 * MiB, bytes: data.subarray(5 * MiB, 10 * MiB) },
      { part: 3, offset: 10 * MiB, bytes: data.subarray(10 * MiB) },
    ];
    stack.emulator.faults.add({ method: "PUT", pathPrefix: "/__storage/", resetAfterBytes: MiB });
    expect((await chunk(s.token, data.subarray(0, 5 * MiB), 0, 1)).status).toBeGreaterThanOrEqual(500);
    const receipts: string[] = [];
    for (const p of parts) {
      const res = await chunk(s.token, p.bytes, p.offset, p.part);
      expect(res.status).toBe(200);
      receipts.push((await jsonOf<ChunkResponse>(res)).receipt as string);
    }
    const [first = "", second = "", third = ""] = receipts;
    const missing = await complete(s.token, [first, third]);
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toMatch(/never sent/);
    const forged = await complete(s.token, [first, `${second.slice(0, -2)}xx`, third]);
    expect(forged.status).toBe(400);
    expect((await errorOf(forged)).code).toBe("UPLOAD_RECEIPT_INVALID");
    expect(await exists(path)).toBe(false);
    expect((await complete(s.token, receipts)).status).toBe(200);
    expect(sha(await readFile(onDisk(path)))).toBe(sha(data));
  });

  it("checks before any byte: conflict, declared size, chunk rules", async () => {
    stack.emulator.uploads.set("multipart");
    await writeFile(onDisk("chunked/exists.txt"), "keep me");
    const conflict = await start("chunked/exists.txt", 10 * MiB);
    expect(conflict.status).toBe(409);
    expect((await errorOf(conflict)).code).toBe("ALREADY_EXISTS");
    const tooBig = await start("chunked/big.bin", 65 * MiB);
    expect(tooBig.status).toBe(413);
    expect((await errorOf(tooBig)).message).toMatch(/64 MiB/);
    const outside = await start("../escape.bin", 10 * MiB);
    expect(outside.status).toBe(400);

    const s = await started("chunked/rules.bin", 10 * MiB);
    const beyond = await chunk(s.token, randomBytes(MiB), 9.5 * MiB, 2);
    expect(beyond.status).toBe(413);
    const small = await chunk(s.token, randomBytes(MiB), 0, 1);
    expect(small.status).toBe(400);
    expect((await errorOf(small)).code).toBe("INVALID_CHUNK");
    const noPart = await chunk(s.token, randomBytes(5 * MiB), 0);
    expect(noPart.status).toBe(400);
    expect(stack.emulator.stats.bytesReceived("/Volumes/main/demo/uploads/chunked/rules.bin")).toBe(0);
    await withToken(s.token, "DELETE", "");
  });

  it("a token is bound to its user and volume, and cannot be altered", async () => {
    stack.emulator.uploads.set("multipart");
    const s = await started("chunked/mine.bin", 6 * MiB);
    const bob = await chunk(s.token, randomBytes(5 * MiB), 0, 1, "bob");
    expect(bob.status).toBe(403);
    expect((await errorOf(bob)).code).toBe("UPLOAD_NOT_YOURS");
    const tampered = `${s.token.slice(0, -4)}AAAA`;
    const bad = await chunk(tampered, randomBytes(5 * MiB), 0, 1);
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe("UPLOAD_TOKEN_INVALID");
    const none = await withToken("", "GET", "/status");
    expect(none.status).toBe(400);
    const elsewhere = await stack.fetch("alice", "/api/files/inbox/uploads/status", {
      headers: { "x-upload-token": s.token },
    });
    expect(elsewhere.status).toBe(403);
    await withToken(s.token, "DELETE", "");
  });

  it("an expired upload answers 410 and its upstream session is aborted", async () => {
    stack.emulator.uploads.set("multipart");
    const s = await started("chunked/expired.bin", 6 * MiB);
    // Another sealer with the app's secret stands in for the clock: the same claims, expired.
    const sealer = createUploadSealer({ value: SECRET, source: "FILES_UPLOAD_SECRET" });
    const claims = sealer.open(s.token);
    const expired = sealer.seal({ ...claims, expires: Date.now() - 1 });
    const aborted = stack.emulator.uploads.counts().aborted;
    const res = await chunk(expired, randomBytes(5 * MiB), 0, 1);
    expect(res.status).toBe(410);
    expect((await errorOf(res)).code).toBe("UPLOAD_EXPIRED");
    expect(stack.emulator.uploads.counts().aborted).toBe(aborted + 1);
  });

  it("a chunk needs a Content-Length", async () => {
    stack.emulator.uploads.set("multipart");
    const s = await started("chunked/length.bin", 6 * MiB);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
        controller.close();
      },
    });
    const res = await stack.fetch("alice", "/api/files/uploads/uploads/chunk?offset=0&part=1", {
      method: "PUT",
      headers: { "x-upload-token": s.token, "content-type": "application/octet-stream" },
      body: stream,
    });
    expect(res.status).toBe(411);
    await withToken(s.token, "DELETE", "");
  });
});

describe("chunked uploads: the process-wide cap on chunks in flight", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { FILES_UPLOAD_MAX_CHUNKS_IN_FLIGHT: "1" } });
  });
  afterAll(() => stack?.close());

  it("turns one more chunk away with 503 UPLOADS_BUSY and Retry-After, before reading it", async () => {
    stack.emulator.uploads.set("multipart");
    const size = 11 * MiB;
    const started = await stack.fetch("alice", "/api/files/uploads/uploads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "chunked/busy.bin", size }),
    });
    const { token } = await jsonOf<StartUploadResponse>(started);
    const put = (offset: number, part: number, bytes: number) =>
      stack.fetch("alice", `/api/files/uploads/uploads/chunk?offset=${offset}&part=${part}`, {
        method: "PUT",
        headers: { "x-upload-token": token, "content-type": "application/octet-stream" },
        body: randomBytes(bytes),
      });
    // The store holds the first part for a while: it is the one chunk in flight.
    stack.emulator.faults.add({ method: "PUT", pathPrefix: "/__storage/", delayMs: 1500 });
    const first = put(0, 1, 5 * MiB);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await put(5 * MiB, 2, 5 * MiB);
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("1");
    expect((await jsonOf<ApiErrorBody>(second)).code).toBe("UPLOADS_BUSY");
    expect((await first).status).toBe(200);
    // Once the first is through, the same chunk goes.
    expect((await put(5 * MiB, 2, 5 * MiB)).status).toBe(200);
    await stack.fetch("alice", "/api/files/uploads/uploads", {
      method: "DELETE",
      headers: { "x-upload-token": token },
    });
  });
});
