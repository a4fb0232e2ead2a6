import type { IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrincipals, type LocalUser, type PrincipalsFile } from "../principals.js";
import { type AppsProxy, startProxy } from "./index.js";
import { basic, send } from "./test-support/client.js";
import { type EchoApp, startEchoApp } from "./test-support/echo-app.js";

let app: EchoApp;
let proxy: AppsProxy;
let principals: PrincipalsFile;
const lines: string[] = [];

beforeAll(async () => {
  app = await startEchoApp();
  principals = createPrincipals();
  proxy = await startProxy({ appUrl: app.url, principals: () => principals, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await proxy?.close();
  await app?.close();
});

function user(name: string): LocalUser {
  const found = principals.users.find((u) => u.userName === `${name}@example.com`);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

async function echoed(headers: Record<string, string>, path = "/echo?x=1"): Promise<IncomingHttpHeaders> {
  const reply = await send(`${proxy.url}${path}`, { headers });
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.text) as { headers: IncomingHttpHeaders }).headers;
}

function expectIdentity(headers: IncomingHttpHeaders, u: LocalUser) {
  expect(headers["x-forwarded-user"]).toMatch(/^\d+@\d+$/);
  expect(headers["x-forwarded-user"]).toBe(`${u.id}@${principals.workspaceId}`);
  expect(headers["x-forwarded-email"]).toBe(u.userName);
  expect(headers["x-forwarded-preferred-username"]).toBe(u.userName);
  expect(headers["x-forwarded-access-token"]).toBe(u.token);
}

async function signInCookie(userName: string): Promise<string> {
  const reply = await send(`${proxy.url}/.proxy/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user: userName, next: "/" }).toString(),
  });
  expect(reply.status).toBe(303);
  const setCookie = reply.headers["set-cookie"]?.[0] ?? "";
  return setCookie.split(";")[0] ?? "";
}

describe("Basic sign-in", () => {
  it("with the short name injects the headers the Apps proxy injects", async () => {
    const headers = await echoed({ authorization: basic("alice") });
    expectIdentity(headers, user("alice"));
    const host = new URL(proxy.url).host;
    expect(headers.host).toBe(host);
    expect(headers["x-forwarded-host"]).toBe(host);
    expect(headers["x-forwarded-proto"]).toBe("http");
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-real-ip"]).toBe("127.0.0.1");
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The Basic sign-in is the proxy's business, not the app's.
    expect(headers.authorization).toBeUndefined();
  });

  it("accepts the full userName, case-insensitively", async () => {
    expectIdentity(await echoed({ authorization: basic("Bob@Example.com") }), user("bob"));
  });

  it("replaces every identity header a client tries to forge", async () => {
    const headers = await echoed({
      authorization: basic("carol"),
      "x-forwarded-user": "1@1",
      "x-forwarded-email": "mallory@evil.com",
      "x-forwarded-preferred-username": "mallory@evil.com",
      "x-forwarded-access-token": "dapi-stolen",
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-host": "evil.com",
      "x-forwarded-anything": "x",
      "x-real-ip": "6.6.6.6",
      "x-request-id": "spoofed",
      forwarded: "for=6.6.6.6",
    });
    expectIdentity(headers, user("carol"));
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-real-ip"]).toBe("127.0.0.1");
    expect(headers["x-forwarded-host"]).toBe(new URL(proxy.url).host);
    expect(headers["x-request-id"]).not.toBe("spoofed");
    expect(headers["x-forwarded-anything"]).toBeUndefined();
    expect(headers.forwarded).toBeUndefined();
  });

  it("rejects an unknown user or a password with 401, forwarding nothing", async () => {
    const before = app.seen.length;
    const unknown = await send(`${proxy.url}/api/x`, { headers: { authorization: basic("mallory") } });
    expect(unknown.status).toBe(401);
    expect(JSON.parse(unknown.text)).toMatchObject({ error: "UNAUTHENTICATED" });
    expect(unknown.text).toContain("mallory");
    const withPassword = await send(`${proxy.url}/api/x`, {
      headers: { authorization: `Basic ${Buffer.from("alice:secret").toString("base64")}` },
    });
    expect(withPassword.status).toBe(401);
    expect(app.seen.length).toBe(before);
  });

  it("sees edits to the principals at once", async () => {
    const previous = principals;
    principals = { ...previous, users: previous.users.map((u) => ({ ...u, token: `${u.token}-rotated` })) };
    try {
      const headers = await echoed({ authorization: basic("alice") });
      expect(headers["x-forwarded-access-token"]).toBe(`${user("alice").token}`);
      expect(headers["x-forwarded-access-token"]).toMatch(/-rotated$/);
    } finally {
      principals = previous;
    }
  });
});

describe("unauthenticated requests", () => {
  const forged = { "x-forwarded-email": "alice@example.com", "x-forwarded-access-token": "dapi-forged" };

  it("API calls get 401 JSON and never reach the app", async () => {
    const before = app.seen.length;
    const reply = await send(`${proxy.url}/api/volumes`, {
      headers: { ...forged, accept: "application/json" },
    });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.text)).toEqual({
      error: "UNAUTHENTICATED",
      message: "Not signed in to the local workspace: open /.proxy/login or send Basic credentials 'alice:'",
    });
    expect(app.seen.length).toBe(before);
  });

  it("browser navigations are redirected to the login page with next", async () => {
    const before = app.seen.length;
    const reply = await send(`${proxy.url}/deep/path?a=1`, {
      headers: { ...forged, accept: "text/html,*/*" },
    });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe("/.proxy/login?next=%2Fdeep%2Fpath%3Fa%3D1");
    expect(app.seen.length).toBe(before);
  });

  it("a made-up session cookie is not a session", async () => {
    const name = `local-workspace-session-${proxy.port}`;
    const reply = await send(`${proxy.url}/api/x`, { headers: { cookie: `${name}=${"A".repeat(43)}` } });
    expect(reply.status).toBe(401);
  });
});

describe("user switcher", () => {
  it("lists the users, without their tokens", async () => {
    const reply = await send(`${proxy.url}/.proxy/login?next=%2Ffiles`);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toContain("text/html");
    expect(reply.headers["content-security-policy"]).toContain("default-src 'none'");
    for (const u of principals.users) {
      expect(reply.text).toContain(u.displayName);
      expect(reply.text).toContain(u.userName);
      expect(reply.text).not.toContain(u.token);
    }
    expect(reply.text).toContain('name="next" value="/files"');
    expect(reply.text).toContain("only in the local workspace");
  });

  it("choosing a user sets a session cookie that authenticates and is not forwarded", async () => {
    const reply = await send(`${proxy.url}/.proxy/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: proxy.url },
      body: "user=bob%40example.com&next=%2Fafter%3Fx%3D1",
    });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe("/after?x=1");
    const setCookie = reply.headers["set-cookie"]?.[0] ?? "";
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    const pair = setCookie.split(";")[0] ?? "";
    const value = pair.slice(pair.indexOf("=") + 1);
    expect(value.length).toBeGreaterThanOrEqual(32);
    expect(value.toLowerCase()).not.toContain("bob");

    const headers = await echoed({ cookie: `theme=dark; ${pair}; lang=en` });
    expectIdentity(headers, user("bob"));
    expect(headers.cookie).toBe("theme=dark; lang=en");
    const page = await send(`${proxy.url}/.proxy/login`, { headers: { cookie: pair } });
    expect(page.text).toContain("Signed in as <strong>bob@example.com</strong>");
  });

  it("signing out ends the session", async () => {
    const pair = await signInCookie("carol");
    expect((await send(`${proxy.url}/api/x`, { headers: { cookie: pair } })).status).toBe(200);
    const out = await send(`${proxy.url}/.proxy/logout`, { headers: { cookie: pair } });
    expect(out.status).toBe(303);
    expect(out.headers["set-cookie"]?.[0]).toContain("Max-Age=0");
    expect((await send(`${proxy.url}/api/x`, { headers: { cookie: pair } })).status).toBe(401);
  });

  it.each(["//evil.com", "https://evil.com/x", "/\\evil.com", "javascript:alert(1)", "/.proxy/logout"])(
    "never redirects off-site or into the proxy (next=%s)",
    async (next) => {
      const reply = await send(`${proxy.url}/.proxy/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ user: "alice", next }).toString(),
      });
      expect(reply.status).toBe(303);
      expect(reply.headers.location).toBe("/");
    },
  );

  it("refuses a sign-in posted from another site", async () => {
    const reply = await send(`${proxy.url}/.proxy/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" },
      body: "user=alice&next=%2F",
    });
    expect(reply.status).toBe(403);
    expect(reply.headers["set-cookie"]).toBeUndefined();
  });
});

it("logs method, path, user and status, never a token", () => {
  expect(lines.some((l) => /^GET \/echo alice@example\.com 200 \d+ms$/.test(l))).toBe(true);
  for (const u of principals.users) expect(lines.join("\n")).not.toContain(u.token);
});
