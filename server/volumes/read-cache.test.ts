import { setImmediate as tick } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createReadCache, type ReadCacheKey, type ReadCacheOptions, volumeIdentity } from "./read-cache.js";

// A loader whose every call waits until the test settles it: the test decides when the
// "upstream" answers relative to writes.
function controlled<T>() {
  const calls: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const loader = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  const call = (i: number) => {
    const c = calls[i];
    if (!c) throw new Error(`loader call ${i} has not happened (calls: ${calls.length})`);
    return c;
  };
  return { loader, calls, call };
}

function cache(options: Partial<ReadCacheOptions> = {}) {
  return createReadCache({ maxEntries: 100, maxBytes: 1_000_000, ttlMs: 60_000, ...options });
}

const meta = (path: string, volume = "main"): ReadCacheKey => ({ volume, kind: "metadata", path });
const list = (path: string, extra?: string, volume = "main"): ReadCacheKey => ({
  volume,
  kind: "list",
  path,
  ...(extra === undefined ? {} : { extra }),
});

describe("read cache: hits and loads", () => {
  it("serves a second read from the cache and counts it", async () => {
    const c = cache();
    let calls = 0;
    const loader = async () => ({ size: ++calls });
    expect(await c.getOrLoad(meta("a.txt"), loader)).toEqual({ size: 1 });
    expect(await c.getOrLoad(meta("a.txt"), loader)).toEqual({ size: 1 });
    expect(calls).toBe(1);
    expect(c.stats()).toMatchObject({ hits: 1, misses: 1, loads: 1, entries: 1 });
    expect(c.stats().bytes).toBeGreaterThan(0);
  });

  it("keys on volume, kind, path and extra", async () => {
    const c = cache();
    let calls = 0;
    const loader = async () => ++calls;
    await c.getOrLoad(list("d", "page=1"), loader);
    await c.getOrLoad(list("d", "page=2"), loader);
    await c.getOrLoad(list("d", "page=1", "other"), loader);
    await c.getOrLoad({ volume: "main", kind: "exists", path: "d" }, loader);
    await c.getOrLoad(list("d", "page=1"), loader);
    expect(calls).toBe(4);
  });

  it("coalesces identical concurrent loads into one upstream call", async () => {
    const c = cache();
    const l = controlled<string>();
    const reads = [c.getOrLoad(meta("a"), l.loader), c.getOrLoad(meta("a"), l.loader)];
    await tick();
    expect(l.calls).toHaveLength(1);
    l.call(0).resolve("v1");
    expect(await Promise.all(reads)).toEqual(["v1", "v1"]);
    expect(c.stats()).toMatchObject({ loads: 1, coalesced: 1 });
  });

  it("does not cache failures, and every joined caller sees the error", async () => {
    const c = cache();
    const l = controlled<string>();
    const reads = [c.getOrLoad(meta("a"), l.loader), c.getOrLoad(meta("a"), l.loader)];
    await tick();
    l.call(0).reject(new Error("upstream 503"));
    for (const read of reads) await expect(read).rejects.toThrow("upstream 503");
    expect(await c.getOrLoad(meta("a"), async () => "ok")).toBe("ok");
    expect(c.stats().loads).toBe(2);
  });

  it("turns a loader that throws synchronously into a rejection", async () => {
    const c = cache();
    const loader = (): Promise<string> => {
      throw new Error("boom");
    };
    await expect(c.getOrLoad(meta("a"), loader)).rejects.toThrow("boom");
    expect(await c.getOrLoad(meta("a"), async () => "ok")).toBe("ok");
  });
});

describe("read cache: writes racing reads", () => {
  it("a read in flight during a write neither fills the cache nor answers later reads", async () => {
    const c = cache();
    const l = controlled<string>();
    const before = c.getOrLoad(meta("a.txt"), l.loader);
    await tick();
    // The write returns while the read is still waiting for upstream.
    c.invalidateWrite("main", "a.txt");
    l.call(0).resolve("old bytes");
    // The read that started before the write may see the old data...
    expect(await before).toBe("old bytes");
    // ...but one that starts after the write must not.
    const after = c.getOrLoad(meta("a.txt"), l.loader);
    await tick();
    expect(l.calls).toHaveLength(2);
    l.call(1).resolve("new bytes");
    expect(await after).toBe("new bytes");
    expect(await c.getOrLoad(meta("a.txt"), async () => "reloaded")).toBe("new bytes");
    expect(c.stats()).toMatchObject({ discarded: 1, loads: 2, hits: 1 });
  });

  it("a read after the write does not join the older load, and the older load cannot overwrite it", async () => {
    const c = cache();
    const l = controlled<string>();
    const before = c.getOrLoad(meta("a.txt"), l.loader);
    await tick();
    c.invalidateWrite("main", "a.txt");
    const after = c.getOrLoad(meta("a.txt"), l.loader);
    await tick();
    expect(l.calls).toHaveLength(2);
    l.call(1).resolve("new");
    expect(await after).toBe("new");
    // The stale load answers last; it must not replace the fresh entry.
    l.call(0).resolve("old");
    expect(await before).toBe("old");
    expect(await c.getOrLoad(meta("a.txt"), async () => "reloaded")).toBe("new");
    expect(c.stats()).toMatchObject({ loads: 2, discarded: 1 });
  });

  it("a write invalidates the path's answers and every list page of its parent", async () => {
    const c = cache();
    let version = 0;
    const loader = async () => version;
    await c.getOrLoad(list("dir", "token=A"), loader);
    await c.getOrLoad(list("dir", "token=B"), loader);
    await c.getOrLoad(meta("dir/x.csv"), loader);
    await c.getOrLoad({ volume: "main", kind: "preview", path: "dir/x.csv", extra: "rows=100" }, loader);
    await c.getOrLoad(meta("dir/y.csv"), loader);
    await c.getOrLoad(list("dir", "token=A", "other"), loader);
    version = 1;
    c.invalidateWrite("main", "dir/x.csv");
    expect(await c.getOrLoad(list("dir", "token=A"), loader)).toBe(1);
    expect(await c.getOrLoad(list("dir", "token=B"), loader)).toBe(1);
    expect(await c.getOrLoad(meta("dir/x.csv"), loader)).toBe(1);
    expect(
      await c.getOrLoad({ volume: "main", kind: "preview", path: "dir/x.csv", extra: "rows=100" }, loader),
    ).toBe(1);
    // Untouched: a sibling and the same path in another volume.
    expect(await c.getOrLoad(meta("dir/y.csv"), loader)).toBe(0);
    expect(await c.getOrLoad(list("dir", "token=A", "other"), loader)).toBe(0);
  });

  it("a recursive delete or move invalidates the whole subtree, in flight too, but not prefix siblings", async () => {
    const c = cache();
    let version = 0;
    const loader = async () => version;
    await c.getOrLoad(list("a/b/c"), loader);
    await c.getOrLoad(meta("a/b/c/deep.txt"), loader);
    await c.getOrLoad(meta("ab/x"), loader);
    await c.getOrLoad(list(""), loader);
    const l = controlled<number>();
    const inFlight = c.getOrLoad(meta("a/b/c/other.txt"), l.loader);
    await tick();
    version = 1;
    c.invalidateWrite("main", "a", { subtree: true });
    l.call(0).resolve(0);
    await inFlight;
    expect(await c.getOrLoad(list("a/b/c"), loader)).toBe(1);
    expect(await c.getOrLoad(meta("a/b/c/deep.txt"), loader)).toBe(1);
    expect(await c.getOrLoad(meta("a/b/c/other.txt"), loader)).toBe(1);
    expect(await c.getOrLoad(list(""), loader)).toBe(1);
    expect(await c.getOrLoad(meta("ab/x"), loader)).toBe(0);
  });

  it("an upload that creates parents invalidates every ancestor's listing", async () => {
    const c = cache();
    let version = 0;
    const loader = async () => version;
    for (const dir of ["", "new", "new/sub"]) await c.getOrLoad(list(dir), loader);
    await c.getOrLoad({ volume: "main", kind: "exists", path: "new/sub" }, loader);
    await c.getOrLoad(meta("elsewhere/f"), loader);
    version = 1;
    c.invalidateWrite("main", "new/sub/file.txt", { createsParents: true });
    for (const dir of ["", "new", "new/sub"]) expect(await c.getOrLoad(list(dir), loader)).toBe(1);
    expect(await c.getOrLoad({ volume: "main", kind: "exists", path: "new/sub" }, loader)).toBe(1);
    expect(await c.getOrLoad(meta("elsewhere/f"), loader)).toBe(0);
  });

  it("stays correct when invalidation records are forgotten (bounded memory)", async () => {
    const c = cache({ maxInvalidationRecords: 2 });
    const l = controlled<string>();
    const inFlight = c.getOrLoad(meta("target"), l.loader);
    await tick();
    c.invalidateWrite("main", "target");
    // Enough other writes to push target's record out of the log.
    for (let i = 0; i < 5; i++) c.invalidateWrite("main", `other-${i}`);
    l.call(0).resolve("stale");
    await inFlight;
    expect(await c.getOrLoad(meta("target"), async () => "fresh")).toBe("fresh");
  });

  it("clear() also keeps loads in flight out of the cache", async () => {
    const c = cache();
    const l = controlled<string>();
    const inFlight = c.getOrLoad(meta("a"), l.loader);
    await tick();
    c.clear();
    l.call(0).resolve("stale");
    await inFlight;
    expect(await c.getOrLoad(meta("a"), async () => "fresh")).toBe("fresh");
    expect(await c.getOrLoad(meta("a"), async () => "later")).toBe("fresh");
  });
});

describe("read cache: bounds", () => {
  it("evicts the least recently used entry beyond maxEntries", async () => {
    const c = cache({ maxEntries: 2 });
    for (const p of ["a", "b", "c"]) await c.getOrLoad(meta(p), async () => p);
    expect(c.stats().entries).toBe(2);
    expect(await c.getOrLoad(meta("a"), async () => "reloaded")).toBe("reloaded");
    expect(await c.getOrLoad(meta("c"), async () => "reloaded")).toBe("c");
  });

  it("bounds the total size and skips values larger than the whole budget", async () => {
    const c = cache({ maxBytes: 2_000 });
    for (let i = 0; i < 10; i++) await c.getOrLoad(meta(`f${i}`), async () => "x".repeat(500));
    expect(c.stats().bytes).toBeLessThanOrEqual(2_000);
    expect(c.stats().entries).toBeLessThan(10);
    await c.getOrLoad(meta("huge"), async () => "x".repeat(5_000));
    expect(await c.getOrLoad(meta("huge"), async () => "again")).toBe("again");
    expect(c.stats().bytes).toBeLessThanOrEqual(2_000);
  });

  it("measures binary values by their byte length", async () => {
    const c = cache({ maxBytes: 10_000 });
    await c.getOrLoad(
      { volume: "main", kind: "preview", path: "img.png" },
      async () => new Uint8Array(4_000),
    );
    expect(c.stats().bytes).toBeGreaterThanOrEqual(4_000);
    expect(c.stats().bytes).toBeLessThan(4_200);
  });

  it("expires entries after the TTL", async () => {
    let now = 1_000;
    const c = cache({ ttlMs: 5_000, now: () => now });
    await c.getOrLoad(meta("a"), async () => "v1");
    now += 4_999;
    expect(await c.getOrLoad(meta("a"), async () => "v2")).toBe("v1");
    now += 2;
    expect(await c.getOrLoad(meta("a"), async () => "v2")).toBe("v2");
  });
});

describe("read cache: volume identity", () => {
  it("names the Unity Catalog volume, whatever the configuration key or the identifiers' case", () => {
    expect(volumeIdentity({ fullName: "Main.Demo.Inbox" })).toBe(
      volumeIdentity({ fullName: "main.demo.inbox" }),
    );
    expect(volumeIdentity({ fullName: "main.demo.inbox" })).not.toBe(
      volumeIdentity({ fullName: "main.demo.shared" }),
    );
  });
});
