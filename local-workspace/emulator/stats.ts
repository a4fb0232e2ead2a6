// Counters tests assert on: how many requests reached the "upstream", how many are in flight, and
// how many file bytes were served per path (e.g. "a preview read at most N bytes").

/** Per-path maps are bounded so a long-running local workspace doesn't grow without limit. */
const MAX_KEYS = 10_000;

export interface RequestFilter {
  method?: string;
  /** A `/Volumes/…` prefix (decoded volume path) or an API path prefix. */
  pathPrefix?: string;
}

export interface StatsSnapshot {
  openRequests: number;
  openSockets: number;
  totalRequests: number;
  bytesServed: number;
  bytesReceived: number;
  /** Requests answered 429 by the rate limit (injected faults not counted). */
  rateLimited: number;
  /** Most requests one principal had in flight at once. */
  peakConcurrent: number;
  /** Most requests one principal started within any one second. */
  peakPerSecond: number;
}

/** Per principal: requests in flight and the start times of the last second. */
interface Load {
  inFlight: number;
  recent: number[];
}

function bump(map: Map<string, number>, key: string, by: number) {
  if (!map.has(key) && map.size >= MAX_KEYS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, (map.get(key) ?? 0) + by);
}

function sumByPrefix(map: Map<string, number>, prefix: string | undefined): number {
  let total = 0;
  for (const [key, value] of map) if (prefix === undefined || key.startsWith(prefix)) total += value;
  return total;
}

export class EmulatorStats {
  openRequests = 0;
  openSockets = 0;
  private readonly requests: Array<{ method: string; apiPath: string; volumePath: string | undefined }> = [];
  private readonly served = new Map<string, number>();
  private readonly received = new Map<string, number>();
  private readonly load = new Map<string, Load>();
  rateLimited = 0;
  peakConcurrent = 0;
  peakPerSecond = 0;

  /** A request of `principal` passed authentication and the rate limit. */
  recordAdmitted(principal: string, now = Date.now()): void {
    let load = this.load.get(principal);
    if (!load) {
      if (this.load.size >= MAX_KEYS) this.load.clear();
      load = { inFlight: 0, recent: [] };
      this.load.set(principal, load);
    }
    load.inFlight += 1;
    this.peakConcurrent = Math.max(this.peakConcurrent, load.inFlight);
    load.recent.push(now);
    let drop = 0;
    while (drop < load.recent.length && (load.recent[drop] as number) <= now - 1000) drop++;
    if (drop > 0) load.recent.splice(0, drop);
    this.peakPerSecond = Math.max(this.peakPerSecond, load.recent.length);
  }

  /** That request's response finished or its connection closed. */
  recordDone(principal: string): void {
    const load = this.load.get(principal);
    if (load) load.inFlight = Math.max(0, load.inFlight - 1);
  }

  recordRateLimited(_principal: string): void {
    this.rateLimited += 1;
  }

  recordRequest(method: string, apiPath: string, volumePath: string | undefined): void {
    if (this.requests.length >= MAX_KEYS) this.requests.shift();
    this.requests.push({ method, apiPath, volumePath });
  }

  recordServed(volumePath: string, bytes: number): void {
    bump(this.served, volumePath, bytes);
  }

  recordReceived(volumePath: string, bytes: number): void {
    bump(this.received, volumePath, bytes);
  }

  /** File body bytes sent by GET downloads, for paths under `pathPrefix` (all when absent). */
  bytesServed(pathPrefix?: string): number {
    return sumByPrefix(this.served, pathPrefix);
  }

  /** Upload body bytes received by PUTs, for paths under `pathPrefix`. */
  bytesReceived(pathPrefix?: string): number {
    return sumByPrefix(this.received, pathPrefix);
  }

  /** Requests handled since the last reset that match the filter (test-hook requests excluded). */
  requestCount(filter: RequestFilter = {}): number {
    const method = filter.method?.toUpperCase();
    const prefix = filter.pathPrefix;
    return this.requests.filter((r) => {
      if (method && r.method !== method) return false;
      if (!prefix) return true;
      if (prefix.startsWith("/Volumes/")) return r.volumePath?.startsWith(prefix) ?? false;
      return r.apiPath.startsWith(prefix);
    }).length;
  }

  snapshot(): StatsSnapshot {
    return {
      openRequests: this.openRequests,
      openSockets: this.openSockets,
      totalRequests: this.requests.length,
      bytesServed: this.bytesServed(),
      bytesReceived: this.bytesReceived(),
      rateLimited: this.rateLimited,
      peakConcurrent: this.peakConcurrent,
      peakPerSecond: this.peakPerSecond,
    };
  }

  /** Forgets counted requests, bytes and peaks; open request/socket gauges are live and stay. */
  reset(): void {
    this.requests.length = 0;
    this.rateLimited = 0;
    this.peakConcurrent = 0;
    this.peakPerSecond = 0;
    for (const load of this.load.values()) load.recent.length = 0;
    this.served.clear();
    this.received.clear();
  }
}
