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
    };
  }

  /** Forgets counted requests and bytes; open request/socket gauges are live and stay. */
  reset(): void {
    this.requests.length = 0;
    this.served.clear();
    this.received.clear();
  }
}
