import { describe, expect, it } from "vitest";
import { ALL_ACTIONS, READ_ACTIONS, WRITE_ACTIONS } from "../../shared/actions.js";
import { all, allowAll, any, denyAll, not, publicRead, usersOnly } from "./builtins.js";
import type { FilePolicy, PolicyUser } from "./types.js";

const alice: PolicyUser = {
  id: "1001",
  email: "alice@x.com",
  userName: "alice@x.com",
  isServicePrincipal: false,
};
const sp: PolicyUser = { id: "sp-1", isServicePrincipal: true };
const at = { volume: "uploads", path: "a.txt" };

function allowedBy(policy: FilePolicy, user = alice): unknown[] {
  return ALL_ACTIONS.filter((action) => policy(action, at, user) === true);
}

describe("built-in policies", () => {
  it("publicRead allows exactly the read actions, including for the service principal", () => {
    expect(allowedBy(publicRead())).toEqual([...READ_ACTIONS]);
    expect(allowedBy(publicRead(), sp)).toEqual([...READ_ACTIONS]);
  });

  it("allowAll allows every action and denyAll none", () => {
    expect(allowedBy(allowAll())).toEqual(ALL_ACTIONS);
    expect(allowedBy(denyAll())).toEqual([]);
  });

  it("usersOnly denies service-principal traffic only", () => {
    expect(allowedBy(usersOnly())).toEqual(ALL_ACTIONS);
    expect(allowedBy(usersOnly(), sp)).toEqual([]);
  });

  it("treats move as a write", () => {
    expect(WRITE_ACTIONS).toContain("move");
    expect(publicRead()("move", at, alice)).toBe(false);
  });
});

describe("combinators", () => {
  const counting =
    (verdict: boolean, calls: string[], label: string): FilePolicy =>
    () => {
      calls.push(label);
      return verdict;
    };

  it("all() is AND and stops at the first denial", () => {
    const calls: string[] = [];
    const policy = all(counting(true, calls, "a"), counting(false, calls, "b"), counting(true, calls, "c"));
    expect(policy("read", at, alice)).toBe(false);
    expect(calls).toEqual(["a", "b"]);
    expect(all(allowAll(), publicRead())("read", at, alice)).toBe(true);
    expect(all(allowAll(), publicRead())("upload", at, alice)).toBe(false);
  });

  it("any() is OR and stops at the first allow", () => {
    const calls: string[] = [];
    const policy = any(counting(false, calls, "a"), counting(true, calls, "b"), counting(true, calls, "c"));
    expect(policy("read", at, alice)).toBe(true);
    expect(calls).toEqual(["a", "b"]);
    expect(any(denyAll(), publicRead())("upload", at, alice)).toBe(false);
  });

  it("not() inverts: not(publicRead()) is write-only", () => {
    expect(allowedBy(not(publicRead()))).toEqual([...WRITE_ACTIONS]);
  });

  it("stays synchronous for synchronous children and handles async ones", async () => {
    expect(typeof any(denyAll(), allowAll())("read", at, alice)).toBe("boolean");
    const asyncAllow: FilePolicy = async () => true;
    const asyncDeny: FilePolicy = async () => false;
    const calls: string[] = [];
    const result = any(asyncDeny, asyncAllow, counting(true, calls, "never"))("read", at, alice);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(true);
    expect(calls).toEqual([]);
    await expect(all(allowAll(), asyncAllow, asyncDeny)("read", at, alice)).resolves.toBe(false);
    await expect(not(asyncDeny)("read", at, alice)).resolves.toBe(true);
  });
});
