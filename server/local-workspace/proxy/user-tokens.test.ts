import { describe, expect, it } from "vitest";
import { ScopedTokens } from "../emulator/scoped-tokens.js";
import { createPrincipals } from "../principals.js";
import { ForwardedTokens } from "./user-tokens.js";

const principals = createPrincipals();
const alice = principals.users[0] as (typeof principals.users)[number];

describe("the token the proxy forwards", () => {
  it("is none at all when user authorization is off (no user_api_scopes)", () => {
    let issued = 0;
    const off = new ForwardedTokens({
      scopes: [],
      issue: () => {
        issued += 1;
        return { accessToken: "x", expiresAt: Date.now() + 1 };
      },
    });
    expect(off.enabled).toBe(false);
    expect(off.tokenFor(alice)).toBeUndefined();
    expect(new ForwardedTokens(undefined).tokenFor(alice)).toBeUndefined();
    expect(issued).toBe(0);
  });

  it("is reused while fresh and replaced within five minutes of its expiry", () => {
    let now = 1_000_000;
    const tokens = new ScopedTokens(() => now);
    const asked: string[][] = [];
    const forwarded = new ForwardedTokens(
      {
        scopes: ["files.files"],
        issue: (userName, scopes) => {
          asked.push([...scopes]);
          return tokens.issue(userName, scopes, 60 * 60 * 1000);
        },
      },
      () => now,
    );
    const first = forwarded.tokenFor(alice);
    expect(first).toMatch(/^eyJ/);
    expect(first).not.toBe(alice.token);
    now += 50 * 60 * 1000;
    expect(forwarded.tokenFor(alice)).toBe(first);
    now += 6 * 60 * 1000;
    const second = forwarded.tokenFor(alice);
    expect(second).not.toBe(first);
    expect(asked).toEqual([["files.files"], ["files.files"]]);
  });

  it("a short-lived token is replaced a quarter of its life before it expires", () => {
    let now = 0;
    const tokens = new ScopedTokens(() => now);
    const forwarded = new ForwardedTokens(
      { scopes: ["files.files"], issue: (userName, scopes) => tokens.issue(userName, scopes, 4000) },
      () => now,
    );
    const first = forwarded.tokenFor(alice);
    now = 2900;
    expect(forwarded.tokenFor(alice)).toBe(first);
    now = 3000;
    expect(forwarded.tokenFor(alice)).not.toBe(first);
  });
});
