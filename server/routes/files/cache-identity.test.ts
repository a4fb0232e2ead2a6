// The read cache is keyed by the Unity Catalog volume, not the configuration key: two keys that
// name the same volume share entries, and a write through one is seen at once through the other
// (not after the cache's TTL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DirectoryEntry } from "../../../shared/api/files.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({
    env: {
      // "mirror" names the very volume "inbox" names, with a policy that lets alice write anywhere.
      DATABRICKS_VOLUME_MIRROR: "/Volumes/main/demo/inbox",
      FILES_MIRROR_AUTH: "service-principal",
      FILES_MIRROR_POLICY: "allow-all",
      FILES_CACHE_TTL: "10m",
    },
  });
});
afterAll(() => stack?.close());

const names = async (res: Response) => (await jsonOf<DirectoryEntry[]>(res)).map((e) => e.name);
const listings = (rel: string) =>
  stack.upstream.filter((r) => r.method === "GET" && r.pathname.endsWith(`/inbox/${rel}`)).length;

describe("one cache per Unity Catalog volume", () => {
  it("the two keys really name one volume", () => {
    expect(stack.volumePath("mirror")).toBe(stack.volumePath("inbox"));
  });

  it("two keys share entries, and a write through one is seen through the other at once", async () => {
    const first = await stack.fetch("alice", "/api/files/inbox/list?path=users");
    expect(first.status).toBe(200);
    const before = await names(first);
    const loads = listings("users");

    // The same listing through the other key: answered from the entry the first one stored.
    const second = await stack.fetch("alice", "/api/files/mirror/list?path=users");
    expect(await names(second)).toEqual(before);
    expect(listings("users")).toBe(loads);

    const created = await stack.fetch("alice", "/api/files/mirror/mkdir", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "users/made-through-mirror" }),
    });
    expect(created.status).toBe(200);

    const after = await stack.fetch("alice", "/api/files/inbox/list?path=users");
    expect(await names(after)).toContain("made-through-mirror");
  });
});
