// Who a forwarded user access token belongs to, asked once per token (SCIM `Me` with that token)
// and remembered for a while: one call per distinct token per TTL, not per request. The cache is
// keyed by the token's SHA-256 and holds only the owner's identifiers, so the token itself is
// never stored; it is bounded (least recently used out first) and entries expire.
import { hash } from "node:crypto";
import type { CurrentUser } from "../databricks/current-user.js";

export interface TokenOwner {
  /** SCIM id. */
  id: string;
  /** userName and emails, lower-cased: the names the forwarded headers may use. */
  names: string[];
  /** Lower-cased; `databricks apps run-local` sends it as x-forwarded-preferred-username. */
  displayName?: string;
}

export interface TokenOwnersOptions {
  /** SCIM `Me` with this token; its failures propagate (and are not remembered). */
  lookup: (token: string) => Promise<CurrentUser>;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export interface TokenOwners {
  ownerOf(token: string): Promise<TokenOwner>;
  /** The owner when the answer is already known (no lookup started): lets the check stay synchronous. */
  knownOwner(token: string): TokenOwner | undefined;
  /** Tests: what the cache is keyed by (hashes, never tokens). */
  cachedKeys(): string[];
}

/** User tokens live about an hour; a revoked token's owner does not change, so a verdict can last. */
const DEFAULT_TTL_MS = 10 * 60_000;
const DEFAULT_MAX_ENTRIES = 10_000;

export function tokenKey(token: string): string {
  return hash("sha256", token, "hex");
}

function ownerFrom(me: CurrentUser): TokenOwner {
  const names = new Set([me.userName, ...(me.emails ?? [])].map((n) => n.trim().toLowerCase()));
  names.delete("");
  const owner: TokenOwner = { id: me.id, names: [...names] };
  const displayName = me.displayName?.trim().toLowerCase();
  if (displayName) owner.displayName = displayName;
  return owner;
}

export function createTokenOwners(options: TokenOwnersOptions): TokenOwners {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  const known = new Map<string, { owner: TokenOwner; expires: number }>();
  // Concurrent first requests with one token (a page load) share one lookup.
  const pending = new Map<string, Promise<TokenOwner>>();

  function remember(key: string, owner: TokenOwner): void {
    known.delete(key);
    known.set(key, { owner, expires: now() + ttlMs });
    while (known.size > maxEntries) {
      const oldest = known.keys().next().value;
      if (oldest === undefined) break;
      known.delete(oldest);
    }
  }

  function knownBy(key: string): TokenOwner | undefined {
    const hit = known.get(key);
    if (!hit) return undefined;
    known.delete(key);
    if (hit.expires <= now()) return undefined;
    // Map order is recency order: the hit goes back in at the end.
    known.set(key, hit);
    return hit.owner;
  }

  return {
    knownOwner(token) {
      return knownBy(tokenKey(token));
    },
    ownerOf(token) {
      const key = tokenKey(token);
      const owner = knownBy(key);
      if (owner) return Promise.resolve(owner);
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const lookup = options
        .lookup(token)
        .then((me) => {
          const owner = ownerFrom(me);
          remember(key, owner);
          return owner;
        })
        .finally(() => pending.delete(key));
      pending.set(key, lookup);
      return lookup;
    },
    cachedKeys: () => [...known.keys()],
  };
}
