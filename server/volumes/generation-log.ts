// When was each path last invalidated? A logical clock plus two bounded maps: one for a path's
// own answers, one for whole subtrees. Bounded because every distinct path ever written would
// otherwise stay in memory: when a record is forgotten, the floor rises to its tick and any load
// or entry older than the floor counts as touched. Forgetting can only cause extra misses, never
// a stale answer.

export function pathKey(volume: string, path: string): string {
  // NUL cannot occur in a volume key or a canonical path, so the pair is unambiguous.
  return `${volume}\u0000${path}`;
}

export class GenerationLog {
  private clock = 0;
  private floor = 0;
  private readonly own = new Map<string, number>();
  private readonly subtrees = new Map<string, number>();

  constructor(private readonly maxRecords: number) {}

  /** The current tick: what a load that starts now will be compared against. */
  now(): number {
    return this.clock;
  }

  /** A new tick for one invalidation (all of its targets share it). */
  tick(): number {
    this.clock += 1;
    return this.clock;
  }

  record(key: string, tick: number, subtree: boolean): void {
    const map = subtree ? this.subtrees : this.own;
    // Re-insert so Map order stays oldest-first and eviction drops the oldest record.
    map.delete(key);
    map.set(key, tick);
    while (map.size > this.maxRecords) {
      const oldest = map.entries().next().value;
      if (!oldest) break;
      map.delete(oldest[0]);
      this.floor = Math.max(this.floor, oldest[1]);
    }
  }

  /** Treat everything that started before now as touched (clear). */
  forgetAll(): void {
    this.floor = this.tick();
    this.own.clear();
    this.subtrees.clear();
  }

  /**
   * Was `path` invalidated after `since`? `ancestorsAndSelf` lists the root, every ancestor and
   * the path itself (shared/paths ancestorsAndSelf): a subtree invalidation of any of them counts,
   * an invalidation of the path's own answers only for the path itself.
   */
  touchedSince(volume: string, ancestorsAndSelf: readonly string[], since: number): boolean {
    if (since < this.floor) return true;

    const self = ancestorsAndSelf[ancestorsAndSelf.length - 1] ?? "";
    if ((this.own.get(pathKey(volume, self)) ?? 0) > since) return true;
    for (const path of ancestorsAndSelf) {
      if ((this.subtrees.get(pathKey(volume, path)) ?? 0) > since) return true;
    }
    return false;
  }

  /**
   * The tick of the latest invalidation that touched `path` (same rules as touchedSince), or the
   * floor when none is remembered. It only grows, and every write to the path makes it grow: a
   * forgotten record counts at the floor, which is at least the tick it had.
   */
  lastTouched(volume: string, ancestorsAndSelf: readonly string[]): number {
    const self = ancestorsAndSelf[ancestorsAndSelf.length - 1] ?? "";
    let last = Math.max(this.floor, this.own.get(pathKey(volume, self)) ?? 0);
    for (const path of ancestorsAndSelf) last = Math.max(last, this.subtrees.get(pathKey(volume, path)) ?? 0);
    return last;
  }
}
