// The read cache for service-principal volumes: list pages, metadata, exists and previews.
// On-behalf-of-user traffic never calls it (its answers depend on the user's grants).
//
// The hard part is staleness, not storage. The guarantee: no read that starts after a write has
// returned is answered from data older than that write, including data a read fetched while
// the write was in flight. Generations make that race-free without locks:
// - a logical clock ticks on every invalidation, and each invalidated path (or subtree) remembers
//   the tick at which it was invalidated;
// - a load remembers the tick at which it *started*. Its result is stored only if nothing that
//   touches its path was invalidated since, and a stored entry is served only under the same test,
//   so a load that raced a write can neither fill the cache nor be served from it;
// - concurrent identical loads share one upstream call only while no such invalidation happened.
// The service must call invalidate when a write returns (also when it failed: it may have
// partially applied), before it answers the client.
import { LRUCache } from "lru-cache";
import { ancestorsAndSelf, isSameOrInside, parentOf } from "../../shared/paths.js";
import { GenerationLog, pathKey } from "./generation-log.js";

/**
 * The cache's name for a volume: the Unity Catalog volume itself, not the configuration key, so
 * two keys naming one volume share entries and a write through either invalidates both. UC
 * identifiers are case-insensitive (stored lower-case); paths inside the volume are not.
 */
export function volumeIdentity(volume: { fullName: string }): string {
  return volume.fullName.toLowerCase();
}

export type ReadCacheKind = "list" | "metadata" | "exists" | "preview";

export interface ReadCacheKey {
  /** volumeIdentity(…) of the volume, never its configuration key. */
  volume: string;
  kind: ReadCacheKind;
  /** Canonical volume-relative path (shared/paths normaliseRelativePath), `''` for the root. */
  path: string;
  /** Whatever else changes the answer: page token and size of a list page, preview limits. */
  extra?: string;
}

export interface ReadCacheOptions {
  maxEntries: number;
  /** Bound on the sum of entry sizes (see sizeOf). */
  maxBytes: number;
  ttlMs: number;
  /** Approximate size of a value in bytes; default: byte length, string length or JSON length. */
  sizeOf?: (value: unknown) => number;
  /** How many invalidated paths are remembered individually (default 10,000); see GenerationLog. */
  maxInvalidationRecords?: number;
  /** Clock for TTLs in milliseconds (tests pass a fake one). */
  now?: () => number;
}

/** A path whose own answers (metadata, exists, preview, its list pages) changed; or a whole subtree. */
export interface InvalidationTarget {
  path: string;
  subtree?: boolean;
}

export interface WriteInvalidation {
  /** A recursive delete or a move: everything below the path changed too. */
  subtree?: boolean;
  /** Upload and mkdir create missing parents, so every ancestor's listing and exists may change. */
  createsParents?: boolean;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Loader calls (misses minus the ones that joined a load in flight). */
  loads: number;
  coalesced: number;
  /** Loads whose result was not stored because a write invalidated their path meanwhile. */
  discarded: number;
  invalidations: number;
  entries: number;
  bytes: number;
}

export interface ReadCache {
  /**
   * The cached answer, or the loader's (stored unless a write touched the key meanwhile).
   * Identical concurrent calls share one loader call. Values are shared: treat them as immutable.
   */
  getOrLoad<T>(key: ReadCacheKey, loader: () => Promise<T>): Promise<T>;
  invalidate(volume: string, targets: readonly InvalidationTarget[]): void;
  /** What a completed write at `path` touched: the path (or subtree), its parent, maybe every ancestor. */
  invalidateWrite(volume: string, path: string, options?: WriteInvalidation): void;
  stats(): ReadCacheStats;
  clear(): void;
}

interface Entry {
  value: unknown;
  /** The tick at which the load that produced this value started. */
  start: number;
  volume: string;
  path: string;
}

interface Flight {
  start: number;
  promise: Promise<unknown>;
}

function defaultSizeOf(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === "string") return value.length;
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    // Unserialisable (a BigInt, a cycle): too large to cache, by definition.
    return Number.MAX_SAFE_INTEGER;
  }
}

export function createReadCache(options: ReadCacheOptions): ReadCache {
  const sizeOf = options.sizeOf ?? defaultSizeOf;
  const generations = new GenerationLog(options.maxInvalidationRecords ?? 10_000);
  const inFlight = new Map<string, Flight>();
  // volume -> path -> cache keys, so invalidating a path or subtree deletes its entries eagerly
  // (the generation test alone would keep them correct, but they would crowd out live entries).
  const index = new Map<string, Map<string, Set<string>>>();
  const counters = { hits: 0, misses: 0, loads: 0, coalesced: 0, discarded: 0, invalidations: 0 };

  const lru = new LRUCache<string, Entry>({
    max: options.maxEntries,
    maxSize: options.maxBytes,
    ttl: options.ttlMs,
    ttlResolution: 0,
    ...(options.now ? { perf: { now: options.now } } : {}),
    sizeCalculation: (entry, key) => Math.max(1, Math.ceil(sizeOf(entry.value) + key.length)),
    dispose: (entry, key) => {
      const paths = index.get(entry.volume);
      const keys = paths?.get(entry.path);
      keys?.delete(key);
      if (keys?.size === 0) paths?.delete(entry.path);
      if (paths?.size === 0) index.delete(entry.volume);
    },
  });

  function touched(volume: string, path: string, since: number): boolean {
    return generations.touchedSince(volume, ancestorsAndSelf(path), since);
  }

  function store(cacheKey: string, entry: Entry): void {
    // Delete first so dispose runs for the old entry before the index learns about the new one.
    lru.delete(cacheKey);
    lru.set(cacheKey, entry);
    if (!lru.has(cacheKey)) return; // larger than maxBytes
    const paths = index.get(entry.volume) ?? new Map<string, Set<string>>();
    index.set(entry.volume, paths);
    const keys = paths.get(entry.path) ?? new Set<string>();
    paths.set(entry.path, keys);
    keys.add(cacheKey);
  }

  function getOrLoad<T>(key: ReadCacheKey, loader: () => Promise<T>): Promise<T> {
    const cacheKey = JSON.stringify([key.volume, key.kind, key.path, key.extra ?? null]);
    const entry = lru.get(cacheKey);
    if (entry) {
      if (!touched(key.volume, key.path, entry.start)) {
        counters.hits++;
        return Promise.resolve(entry.value as T);
      }
      lru.delete(cacheKey);
    }
    counters.misses++;
    const joined = inFlight.get(cacheKey);
    if (joined && !touched(key.volume, key.path, joined.start)) {
      counters.coalesced++;
      return joined.promise as Promise<T>;
    }
    counters.loads++;
    const start = generations.now();
    const settle = (): void => {
      if (inFlight.get(cacheKey) === flight) inFlight.delete(cacheKey);
    };
    // The loader runs a microtask later, so the flight is registered before it can settle.
    const promise = Promise.resolve()
      .then(loader)
      .then(
        (value) => {
          settle();
          if (touched(key.volume, key.path, start)) counters.discarded++;
          else store(cacheKey, { value, start, volume: key.volume, path: key.path });
          return value;
        },
        (error: unknown) => {
          settle();
          throw error;
        },
      );
    const flight: Flight = { start, promise };
    inFlight.set(cacheKey, flight);
    return promise;
  }

  function invalidate(volume: string, targets: readonly InvalidationTarget[]): void {
    const tick = generations.tick();
    counters.invalidations++;
    const paths = index.get(volume);
    for (const target of targets) {
      generations.record(pathKey(volume, target.path), tick, target.subtree === true);
      if (!paths) continue;
      const doomed: string[] = [];
      if (target.subtree) {
        for (const [path, keys] of paths) if (isSameOrInside(path, target.path)) doomed.push(...keys);
      } else {
        doomed.push(...(paths.get(target.path) ?? []));
      }
      for (const cacheKey of doomed) lru.delete(cacheKey);
    }
  }

  function invalidateWrite(volume: string, path: string, write: WriteInvalidation = {}): void {
    const targets: InvalidationTarget[] = [{ path, subtree: write.subtree === true }];
    if (write.createsParents) {
      for (const ancestor of ancestorsAndSelf(path).slice(0, -1)) targets.push({ path: ancestor });
    } else if (path !== "") {
      targets.push({ path: parentOf(path) });
    }
    invalidate(volume, targets);
  }

  return {
    getOrLoad,
    invalidate,
    invalidateWrite,
    stats: () => ({ ...counters, entries: lru.size, bytes: lru.calculatedSize }),
    clear: () => {
      // Loads in flight must not land after a clear either.
      generations.forgetAll();
      lru.clear();
    },
  };
}
