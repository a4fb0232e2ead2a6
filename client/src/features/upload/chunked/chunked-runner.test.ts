import { describe, expect, it } from "vitest";
import { chunkedUploadApi } from "@/api/files/chunked-upload";
import { UploadAbortedError } from "@/api/files/http-transport";
import { runChunkedUpload } from "./chunked-runner";
import { type FakeOptions, FakeUploadServer } from "./fake-upload-server";
import type { UploadSession } from "./upload-session";

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251);

function setup(options: FakeOptions, size = 100) {
  const server = new FakeUploadServer(options);
  const body = bytes(size);
  const file = new Blob([body]);
  const sleeps: number[] = [];
  const sessions: UploadSession[] = [];
  const progress: number[] = [];
  let clock = 0;
  const deps = {
    api: chunkedUploadApi("vol", server.transport),
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    // Each chunk "takes" a while: at the fake's tiny sizes chunks stay near their minimum.
    now: () => (clock += 1000),
    random: () => 0.5,
  };
  const run = (session?: UploadSession, signal?: AbortSignal) =>
    runChunkedUpload(deps, {
      file,
      path: "dir/big.bin",
      overwrite: false,
      session,
      signal,
      onSession: (s) => sessions.push(s),
      onProgress: (loaded) => progress.push(loaded),
    });
  return { server, body, sleeps, sessions, progress, run };
}

const resumable: FakeOptions = { mode: "resumable", minChunkSize: 8, maxChunkSize: 16, chunkMultiple: 4 };
const multipart: FakeOptions = { mode: "multipart", parallel: 3, minChunkSize: 8, maxChunkSize: 16 };

describe("runChunkedUpload", () => {
  it("multipart: sends parts in parallel, keeps receipts, commits them in order", async () => {
    const t = setup(multipart);
    await expect(t.run()).resolves.toEqual({ success: true, path: "dir/big.bin", size: 100 });
    expect(t.server.committedFile).toEqual(t.body);
    expect(t.server.bytesReceived).toBe(100);
    const parts = t.server.chunks.map((c) => c.part);
    expect(new Set(parts).size).toBe(parts.length);
    expect(t.server.requests[0]).toBe("POST /api/files/vol/uploads");
    expect(t.server.requests.at(-1)).toBe("POST /api/files/vol/uploads/complete");
    expect(t.progress.at(-1)).toBe(100);
    expect(t.sessions.at(-1)?.receipts).toHaveLength(parts.length);
  });

  it("always presents the newest token it was given", async () => {
    const t = setup(resumable);
    await t.run();
    const generations = t.server.tokensSeen.map((token) => Number(token.split(".")[1]));
    // Each answer's token is the next generation, and the next request presents it.
    expect(generations).toEqual(generations.map((_, i) => i + 1));
    // In a header only: URLs end up in logs.
    for (const url of t.server.urls) expect(url).not.toMatch(/u1\.\d/);
  });

  it("resumable: a reset chunk is re-sent from the committed offset, never from zero", async () => {
    const t = setup(resumable);
    // The second chunk is cut after 6 bytes; the store keeps one whole 4-byte unit of it.
    t.server.faults.set(2, { kind: "reset", afterBytes: 6 });
    await t.run();
    expect(t.server.committedFile).toEqual(t.body);
    const offsets = t.server.chunks.map((c) => c.offset);
    expect(offsets.slice(0, 3)).toEqual([0, 8, 12]);
    expect(t.server.requests).toContain("GET /api/files/vol/uploads/status");
    // Of the cut chunk's 6 bytes the 4 committed are not sent again: 2 bytes go twice.
    expect(t.server.bytesReceived).toBe(102);
    expect(t.sleeps).toHaveLength(1);
  });

  it("in order: a 409 naming the committed offset is followed without asking status", async () => {
    // The client is behind the server (as when an answer was lost on the way).
    const behind = setup(resumable);
    behind.server.faults.set(3, {
      kind: "status",
      status: 409,
      code: "UPLOAD_OFFSET_MISMATCH",
      headers: { "upload-committed": "16" },
    });
    await behind.run();
    expect(behind.server.committedFile).toEqual(behind.body);
    expect(behind.server.requests).not.toContain("GET /api/files/vol/uploads/status");
    expect(behind.sleeps).toEqual([]);
  });

  it("waits as long as 503 UPLOADS_BUSY's Retry-After says, then re-sends", async () => {
    const t = setup(multipart);
    t.server.faults.set(1, {
      kind: "status",
      status: 503,
      code: "UPLOADS_BUSY",
      headers: { "retry-after": "3" },
    });
    await t.run();
    expect(t.sleeps).toEqual([3000]);
    expect(t.server.committedFile).toEqual(t.body);
  });

  it("retries a failing chunk with growing backoff and gives up after a bounded number", async () => {
    const t = setup({ ...multipart, parallel: 1 });
    for (let n = 1; n <= 200; n++) t.server.faults.set(n, { kind: "status", status: 502, code: "UPSTREAM" });
    await expect(t.run()).rejects.toMatchObject({ status: 502 });
    const first = t.sleeps.slice(0, 4);
    expect(first).toEqual([375, 750, 1500, 3000]);
    expect(t.server.requests).not.toContain("POST /api/files/vol/uploads/complete");
  });

  it("ends at once when the server lost the upload", async () => {
    const t = setup({ mode: "held-open", minChunkSize: 8, maxChunkSize: 16 });
    t.server.faults.set(2, { kind: "status", status: 409, code: "UPLOAD_SESSION_LOST" });
    await expect(t.run()).rejects.toMatchObject({ code: "UPLOAD_SESSION_LOST" });
    expect(t.server.chunks).toHaveLength(2);
    expect(t.sleeps).toEqual([]);
  });

  it("continues a remembered multipart session: only parts without a receipt are sent", async () => {
    const t = setup(multipart);
    const pause = new AbortController();
    // Pause once three parts are stored (as a reload would interrupt it).
    let stored = 0;
    const original = t.server.transport;
    const counting: typeof original = async (request) => {
      const res = await original(request);
      if (request.method === "PUT" && res.status === 200 && ++stored === 3) pause.abort();
      return res;
    };
    const api = chunkedUploadApi("vol", counting);
    const sessions: UploadSession[] = [];
    const first = runChunkedUpload(
      { api, sleep: async () => {}, now: () => 0 },
      {
        file: new Blob([t.body]),
        path: "dir/big.bin",
        overwrite: false,
        signal: pause.signal,
        onSession: (s) => sessions.push(s),
      },
    );
    await expect(first).rejects.toBeInstanceOf(UploadAbortedError);
    const saved = sessions.at(-1) as UploadSession;
    expect(saved.receipts.length).toBeGreaterThanOrEqual(3);
    const before = t.server.bytesReceived;
    const storedBefore = saved.receipts.reduce((sum, r) => sum + r.size, 0);
    await t.run(saved);
    expect(t.server.committedFile).toEqual(t.body);
    // Receipted parts are not sent again; parts in flight at the pause may be.
    expect(t.server.bytesReceived - before).toBeLessThanOrEqual(100 - storedBefore);
    const resent = t.server.chunks.slice(-(t.server.chunks.length - stored));
    for (const r of saved.receipts)
      expect(resent.some((c) => c.part === r.part && c.offset === r.offset)).toBe(false);
  });

  it("continues a remembered in-order session from the server's status", async () => {
    const t = setup(resumable);
    const pause = new AbortController();
    const sessions: UploadSession[] = [];
    const original = t.server.transport;
    let puts = 0;
    const api = chunkedUploadApi("vol", async (request) => {
      if (request.method === "PUT" && ++puts === 4) pause.abort();
      return original(request);
    });
    await expect(
      runChunkedUpload(
        { api, sleep: async () => {}, now: () => 0 },
        {
          file: new Blob([t.body]),
          path: "p",
          overwrite: false,
          signal: pause.signal,
          onSession: (s) => sessions.push(s),
        },
      ),
    ).rejects.toBeInstanceOf(UploadAbortedError);
    const saved = sessions.at(-1) as UploadSession;
    expect(saved.committed).toBe(24);
    await t.run(saved);
    expect(t.server.committedFile).toEqual(t.body);
    expect(t.server.chunks.find((c) => c.offset === 24 && t.server.chunks.indexOf(c) >= 3)).toBeDefined();
    expect(t.server.bytesReceived).toBe(100);
  });

  it("refuses to continue a session the server describes differently, and reports an expired one", async () => {
    const t = setup(resumable);
    const pause = new AbortController();
    pause.abort();
    await expect(t.run(undefined, pause.signal)).rejects.toBeInstanceOf(UploadAbortedError);
    const stale: UploadSession = {
      token: "gone.1",
      mode: "resumable",
      path: "p",
      size: 100,
      limits: { minChunkSize: 8, maxChunkSize: 16, chunkMultiple: 4 },
      parallel: 1,
      committed: 40,
      cut: [],
      receipts: [],
    };
    await expect(t.run(stale)).rejects.toMatchObject({ status: 410, code: "UPLOAD_EXPIRED" });
  });
});
