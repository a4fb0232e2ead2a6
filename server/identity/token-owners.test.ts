import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../databricks/current-user.js";
import { createTokenOwners, tokenKey } from "./token-owners.js";

function counting(answer: (token: string) => CurrentUser | Error) {
  const calls: string[] = [];
  return {
    calls,
    lookup: async (token: string) => {
      calls.push(token);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const result = answer(token);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const me = (token: string): CurrentUser => ({
  id: `id-${token}`,
  userName: `${token}@Example.com`,
  emails: [`${token}.alias@example.com`, ""],
});

describe("token owners", () => {
  it("looks a token up once while it is fresh, concurrent callers included", async () => {
    const { calls, lookup } = counting(me);
    const owners = createTokenOwners({ lookup });
    const all = await Promise.all(Array.from({ length: 20 }, () => owners.ownerOf("t1")));
    await owners.ownerOf("t1");
    expect(calls).toEqual(["t1"]);
    expect(all[0]).toEqual({ id: "id-t1", names: ["t1@example.com", "t1.alias@example.com"] });
  });

  it("asks again after the TTL", async () => {
    let now = 0;
    const { calls, lookup } = counting(me);
    const owners = createTokenOwners({ lookup, ttlMs: 1000, now: () => now });
    await owners.ownerOf("t1");
    now = 999;
    await owners.ownerOf("t1");
    now = 1000;
    await owners.ownerOf("t1");
    expect(calls).toEqual(["t1", "t1"]);
  });

  it("knows an owner synchronously only once looked up and while fresh, without starting a lookup", async () => {
    let now = 0;
    const { calls, lookup } = counting(me);
    const owners = createTokenOwners({ lookup, ttlMs: 1000, now: () => now });
    expect(owners.knownOwner("t1")).toBeUndefined();
    expect(calls).toEqual([]);
    await owners.ownerOf("t1");
    expect(owners.knownOwner("t1")).toMatchObject({ id: "id-t1" });
    now = 1000;
    expect(owners.knownOwner("t1")).toBeUndefined();
    expect(calls).toEqual(["t1"]);
  });

  it("is bounded, dropping the least recently used", async () => {
    const { calls, lookup } = counting(me);
    const owners = createTokenOwners({ lookup, maxEntries: 2 });
    await owners.ownerOf("a");
    await owners.ownerOf("b");
    await owners.ownerOf("a"); // a is now the most recent
    await owners.ownerOf("c"); // b goes
    expect(owners.cachedKeys()).toEqual([tokenKey("a"), tokenKey("c")]);
    await owners.ownerOf("a");
    await owners.ownerOf("b");
    expect(calls).toEqual(["a", "b", "c", "b"]);
  });

  it("never remembers a failure", async () => {
    let fail = true;
    const { calls, lookup } = counting((t) => (fail ? new Error("SCIM down") : me(t)));
    const owners = createTokenOwners({ lookup });
    await expect(owners.ownerOf("t")).rejects.toThrow("SCIM down");
    expect(owners.cachedKeys()).toEqual([]);
    fail = false;
    await expect(owners.ownerOf("t")).resolves.toMatchObject({ id: "id-t" });
    expect(calls).toHaveLength(2);
  });

  it("keys by SHA-256 and keeps no token", async () => {
    const token = "dapi-secret-token-value";
    const owners = createTokenOwners({ lookup: async (t) => me(t) });
    await owners.ownerOf(token);
    expect(owners.cachedKeys()).toEqual([tokenKey(token)]);
    expect(tokenKey(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(owners.cachedKeys())).not.toContain(token);
  });
});
