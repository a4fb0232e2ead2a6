import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScopedTokens } from "../emulator/scoped-tokens.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "../emulator/test-support/workspace.js";
import { createPrincipals } from "../principals.js";
import { startProxy } from "./index.js";
import { basic, send } from "./test-support/client.js";
import { startEchoApp } from "./test-support/echo-app.js";
import { ForwardedTokens, tokenExchange } from "./user-tokens.js";

const principals = createPrincipals();
const alice = principals.users[0] as (typeof principals.users)[number];

describe("the token the proxy forwards", () => {
  it("is none at all when user authorization is off (no user_api_scopes)", async () => {
    let issued = 0;
    const off = new ForwardedTokens({
      scopes: [],
      issue: () => {
        issued += 1;
        return { accessToken: "x", expiresAt: Date.now() + 1 };
      },
    });
    expect(off.enabled).toBe(false);
    expect(await off.tokenFor(alice)).toBeUndefined();
    expect(await new ForwardedTokens(undefined).tokenFor(alice)).toBeUndefined();
    expect(issued).toBe(0);
  });

  it("is reused while fresh and replaced within five minutes of its expiry", async () => {
    let now = 1_000_000;
    const tokens = new ScopedTokens(() => now);
    const asked: string[][] = [];
    const forwarded = new ForwardedTokens(
      {
        scopes: ["files.files"],
        issue: (u, scopes) => {
          asked.push([...scopes]);
          return tokens.issue(u.userName, scopes, 60 * 60 * 1000);
        },
      },
      () => now,
    );
    const first = await forwarded.tokenFor(alice);
    expect(first).toMatch(/^eyJ/);
    expect(first).not.toBe(alice.token);
    now += 50 * 60 * 1000;
    expect(await forwarded.tokenFor(alice)).toBe(first);
    now += 6 * 60 * 1000;
    const second = await forwarded.tokenFor(alice);
    expect(second).not.toBe(first);
    expect(asked).toEqual([["files.files"], ["files.files"]]);
  });

  it("a short-lived token is replaced a quarter of its life before it expires", async () => {
    let now = 0;
    const tokens = new ScopedTokens(() => now);
    const forwarded = new ForwardedTokens(
      { scopes: ["files.files"], issue: (u, scopes) => tokens.issue(u.userName, scopes, 4000) },
      () => now,
    );
    const first = await forwarded.tokenFor(alice);
    now = 2900;
    expect(await forwarded.tokenFor(alice)).toBe(first);
    now = 3000;
    expect(await forwarded.tokenFor(alice)).not.toBe(first);
  });
});

describe("a proxy apart from the emulator (token exchange at the OAuth endpoint)", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await startTestWorkspace();
  });
  afterAll(() => ws?.close());

  it("gets a scoped token for the user, concurrent first requests sharing one exchange", async () => {
    const user = ws.principals.users[0] as (typeof ws.principals.users)[number];
    let exchanges = 0;
    const exchange = tokenExchange(ws.emulator.url);
    const forwarded = new ForwardedTokens({
      scopes: ["files.files"],
      issue: (u, scopes) => {
        exchanges += 1;
        return exchange(u, scopes);
      },
    });
    const [token, again] = await Promise.all([forwarded.tokenFor(user), forwarded.tokenFor(user)]);
    expect(again).toBe(token);
    expect(exchanges).toBe(1);
    expect(token).not.toBe(user.token);
    const auth = { authorization: `Bearer ${token}` };
    const me = await fetch(`${ws.emulator.url}/api/2.0/preview/scim/v2/Me`, { headers: auth });
    expect(((await me.json()) as { userName: string }).userName).toBe(user.userName);
    expect(
      (await fetch(`${ws.emulator.url}/api/2.0/fs/directories${MAIN_ROOT}/`, { headers: auth })).status,
    ).toBe(200);
  });

  it("refuses an exchange of anything but a user's token", async () => {
    const sp = { ...(ws.principals.users[0] as (typeof ws.principals.users)[number]), token: ws.tokens.sp };
    await expect(tokenExchange(ws.emulator.url)(sp, ["files.files"])).rejects.toThrow(/400 invalid_grant/);
  });
});

it("a user token that cannot be had is a 502 that says so, and the app is not called", async () => {
  const app = await startEchoApp();
  const proxy = await startProxy({
    appUrl: app.url,
    principals: () => principals,
    userAuthorization: {
      scopes: ["files.files"],
      issue: async () => {
        throw new Error("the emulator is gone");
      },
    },
  });
  try {
    const reply = await send(`${proxy.url}/api/me`, { headers: { authorization: basic("alice") } });
    expect(reply.status).toBe(502);
    expect(JSON.parse(reply.text)).toEqual({
      error: "BAD_GATEWAY",
      message: "The local Apps proxy could not get a user token: the emulator is gone",
    });
    expect(app.seen).toHaveLength(0);
  } finally {
    await proxy.close();
    await app.close();
  }
});
