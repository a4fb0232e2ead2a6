// The upload queue against an in-memory server (a fake of the network, not of the queue): how many
// run at once, conflicts and the person's answers, single requests vs chunks by size, pause and
// resume from what is stored, cancel, and the listings it refreshes through its query client.
import type { VolumeInfo } from "@shared/api/volumes";
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { UploadAbortedError } from "@/api/files/http-transport";
import { queryKeys } from "@/api/query-keys";
import { CHUNKED_THRESHOLD, type ChunkedTransfer } from "./chunked/chunked-transfer";
import { sessionFromStart } from "./chunked/upload-session";
import type { PickedTree } from "./dropped-files";
import { CONCURRENCY, createUploadStore, type UploadApi } from "./upload-store";
import type { UploadItem, UploadStatus } from "./upload-types";

const VOLUME: VolumeInfo = {
  key: "uploads",
  path: "/Volumes/main/demo/uploads",
  auth: "on-behalf-of-user",
  maxUploadSize: 5 * 1024 ** 3,
  maxUploadSizeLabel: "5 GiB",
  policy: "allow-all",
  actions: ["list", "read", "download", "upload", "mkdir", "delete", "move"],
  places: [],
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A volume in memory, answering like the app's routes, and counting what it was asked. */
function fakeServer() {
  const files = new Map<string, number>();
  const chunkOffsets: number[] = [];
  const discarded: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  /** Chunks the server takes before it waits for `allow` (so a test can act in the middle). */
  let allowed = Number.POSITIVE_INFINITY;
  let more = () => {};
  const turn = async () => {
    while (chunkOffsets.length >= allowed) await new Promise<void>((resolve) => (more = resolve));
  };
  let sessions = 0;
  const track = async <T>(work: () => Promise<T>) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await work();
    } finally {
      inFlight--;
    }
  };
  const conflict = () => Object.assign(new Error("exists"), { status: 409, code: "ALREADY_EXISTS" });
  const api: UploadApi = {
    exists: async (_volume, path) =>
      files.has(path) ? { exists: true, type: "file" as const } : { exists: false },
    mkdir: async () => ({ success: true as const }),
    uploadFile: (request) =>
      track(async () => {
        await tick();
        if (request.signal?.aborted) throw new UploadAbortedError();
        if (files.has(request.path) && !request.overwrite) throw conflict();
        request.onProgress?.(request.file.size, request.file.size);
        files.set(request.path, request.file.size);
        return { success: true as const, path: request.path, size: request.file.size };
      }),
    uploadInChunks: (t: ChunkedTransfer) =>
      track(async () => {
        const chunk = Math.ceil(t.file.size / 4);
        let session =
          t.state.session ??
          sessionFromStart({
            token: "t",
            mode: "resumable",
            path: t.path,
            size: t.file.size,
            chunkSize: chunk,
            minChunkSize: 1,
            maxChunkSize: chunk,
            chunkMultiple: 1,
            parallel: 1,
            idleSeconds: 3600,
          });
        t.onState({ ...t.state, session });
        sessions++;
        // Settles on abort, even one that came before this line.
        const aborted = new Promise((resolve) => {
          if (t.signal.aborted) resolve(undefined);
          else t.signal.addEventListener("abort", resolve, { once: true });
        });
        while (session.committed < t.file.size) {
          await tick();
          await Promise.race([turn(), aborted]);
          if (t.signal.aborted) throw new UploadAbortedError();
          chunkOffsets.push(session.committed);
          session = { ...session, committed: Math.min(t.file.size, session.committed + chunk) };
          t.onState({ ...t.state, session });
          t.onProgress(session.committed);
        }
        files.set(t.path, t.file.size);
        return { success: true as const, path: t.path, size: t.file.size };
      }),
    discardChunked: async (_volume, state) => {
      discarded.push(state.session?.path ?? "");
    },
  };
  return {
    api,
    files,
    chunkOffsets,
    discarded,
    maxInFlight: () => maxInFlight,
    sessions: () => sessions,
    /** From now on the server takes chunks only up to `total` in all. */
    allow(total: number) {
      allowed = total;
      more();
    },
  };
}

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);
const tree = (...files: File[]): PickedTree => ({
  files: files.map((f) => ({ file: f, relativePath: f.name })),
  emptyDirs: [],
});

function setup() {
  const server = fakeServer();
  const queryClient = new QueryClient();
  const store = createUploadStore({ queryClient, api: server.api });
  const items = () => store.state.get();
  const byName = (name: string) => items().find((i) => i.target.endsWith(name)) as UploadItem;
  async function until(check: () => boolean, what: string) {
    for (let i = 0; i < 500; i++) {
      if (check()) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(
      `timed out waiting for ${what}: ${JSON.stringify(items().map((i) => [i.target, i.status]))}`,
    );
  }
  const statusOf = (name: string): UploadStatus | undefined => byName(name)?.status;
  return { server, queryClient, store, items, byName, until, statusOf };
}

describe("upload store", () => {
  it(`runs at most ${CONCURRENCY} uploads at once and finishes them all`, async () => {
    const { server, store, items, until } = setup();
    store.enqueue(VOLUME, "in", tree(...["a", "b", "c", "d", "e", "f"].map((n) => file(`${n}.txt`, 10))));
    await until(() => items().every((i) => i.status === "done"), "all done");
    expect(server.maxInFlight()).toBe(CONCURRENCY);
    expect([...server.files.keys()].sort()).toEqual([
      "in/a.txt",
      "in/b.txt",
      "in/c.txt",
      "in/d.txt",
      "in/e.txt",
      "in/f.txt",
    ]);
  });

  it("asks before replacing an existing file, and replaces only when told", async () => {
    const { server, store, until, statusOf, byName } = setup();
    server.files.set("report.csv", 1);
    store.enqueue(VOLUME, "", tree(file("report.csv", 99)));
    await until(() => statusOf("report.csv") === "conflict", "the question");
    expect(server.files.get("report.csv")).toBe(1);
    store.resolveConflict(byName("report.csv").id, "replace", false);
    await until(() => statusOf("report.csv") === "done", "the replacement");
    expect(server.files.get("report.csv")).toBe(99);
  });

  it("keeps both under a free name, as answered once for the whole batch", async () => {
    const { server, store, items, until } = setup();
    server.files.set("a.txt", 1);
    server.files.set("b.txt", 1);
    store.enqueue(VOLUME, "", tree(file("a.txt", 5), file("b.txt", 5)));
    await until(() => items().some((i) => i.status === "conflict"), "a question");
    const first = items().find((i) => i.status === "conflict") as UploadItem;
    store.resolveConflict(first.id, "keep-both", true);
    await until(() => items().every((i) => i.status === "done"), "both kept");
    expect([...server.files.keys()].sort()).toEqual(["a (1).txt", "a.txt", "b (1).txt", "b.txt"]);
  });

  it(`sends files from ${CHUNKED_THRESHOLD / 1024 ** 2} MiB in chunks and smaller ones in one request`, async () => {
    const { server, store, items, until } = setup();
    store.enqueue(
      VOLUME,
      "",
      tree(file("small.bin", CHUNKED_THRESHOLD - 1), file("big.bin", CHUNKED_THRESHOLD)),
    );
    await until(() => items().every((i) => i.status === "done"), "both done");
    expect(server.chunkOffsets.length).toBe(4);
    expect(items().find((i) => i.target === "big.bin")?.chunked?.session?.committed).toBe(CHUNKED_THRESHOLD);
    expect(items().find((i) => i.target === "small.bin")?.chunked).toBeUndefined();
  });

  it("reports each file's progress while it uploads, and the whole size once done", async () => {
    const { server, store, until, statusOf, byName } = setup();
    server.allow(2);
    store.enqueue(VOLUME, "", tree(file("big.bin", CHUNKED_THRESHOLD)));
    // Repaints are throttled: the panel shows half once the next one comes.
    await until(() => byName("big.bin").loaded === CHUNKED_THRESHOLD / 2, "half the file shown");
    expect(statusOf("big.bin")).toBe("uploading");
    server.allow(Number.POSITIVE_INFINITY);
    await until(() => statusOf("big.bin") === "done", "done");
    expect(byName("big.bin").loaded).toBe(CHUNKED_THRESHOLD);
  });

  it("pauses a chunked upload keeping what is stored, and resumes from there", async () => {
    const { server, store, until, statusOf, byName } = setup();
    server.allow(2);
    store.enqueue(VOLUME, "", tree(file("big.bin", CHUNKED_THRESHOLD)));
    await until(() => server.chunkOffsets.length === 2, "two chunks");
    store.pause(byName("big.bin").id);
    await until(() => statusOf("big.bin") === "paused", "paused");
    const stored = byName("big.bin").loaded;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBe(byName("big.bin").chunked?.session?.committed);
    const sentBefore = server.chunkOffsets.length;
    server.allow(Number.POSITIVE_INFINITY);
    store.resume(byName("big.bin").id);
    await until(() => statusOf("big.bin") === "done", "done");
    // It went on from the stored offset: no chunk was sent twice.
    expect(server.chunkOffsets.slice(sentBefore)[0]).toBe(stored);
    expect(new Set(server.chunkOffsets).size).toBe(server.chunkOffsets.length);
  });

  it("cancels: a chunked upload's session is discarded and nothing is stored", async () => {
    const { server, store, until, statusOf, byName } = setup();
    server.allow(1);
    store.enqueue(VOLUME, "", tree(file("big.bin", CHUNKED_THRESHOLD)));
    await until(
      () => server.sessions() === 1 && server.chunkOffsets.length === 1,
      "a session with one chunk",
    );
    store.cancel(byName("big.bin").id);
    await until(() => statusOf("big.bin") === "cancelled", "cancelled");
    expect(server.discarded).toEqual(["big.bin"]);
    expect(server.files.has("big.bin")).toBe(false);
  });

  it("refreshes the volume's listings through the query client it was given", async () => {
    const { store, queryClient, items, until } = setup();
    queryClient.setQueryData(queryKeys.wholeFolder("uploads", ""), []);
    queryClient.setQueryData(queryKeys.wholeFolder("shared", ""), []);
    store.enqueue(VOLUME, "", tree(file("new.txt", 3)));
    await until(() => items().every((i) => i.status === "done"), "done");
    const stale = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;
    await until(() => stale(queryKeys.wholeFolder("uploads", "")) === true, "the listing refreshed");
    expect(stale(queryKeys.wholeFolder("shared", ""))).toBe(false);
  });
});
