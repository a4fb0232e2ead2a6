import http, { type IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScopedTokens } from "../emulator/scoped-tokens.js";
import { createPrincipals, type LocalUser, type PrincipalsFile } from "../principals.js";
import { type AppsProxy, startProxy } from "./index.js";
import { basic, send } from "./test-support/client.js";
import { type EchoApp, startEchoApp } from "./test-support/echo-app.js";

let app: EchoApp;
let proxy: AppsProxy;
let principals: PrincipalsFile;
const lines: string[] = [];
// Who each forwarded token was issued to, by the emulator's own issuer (user_api_scopes: files.files).
const issuedTo = new Map<string, string>();
const scopedTokens = new ScopedTokens();

beforeAll(async () => {
  app = await startEchoApp();
  principals = createPrincipals();
  proxy = await startProxy({
    appUrl: app.url,
    principals: () => principals,
    log: (l) => lines.push(l),
    userAuthorization: {
      scopes: ["files.files"],
      issue: (u, scopes) => {
        const issued = scopedTokens.issue(u.userName, scopes);
        issuedTo.set(issued.accessToken, u.userName);
        return issued;
      },
    },
  });
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
  // A downscoped token issued for this user, never the user's own personal token.
  const token = String(headers["x-forwarded-access-token"]);
  expect(issuedTo.get(token)).toBe(u.userName);
  expect(token).not.toBe(u.token);
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

  it("forwards one token per user while it is fresh, and a new one for a user re-created in principals.json", async () => {
    const first = (await echoed({ authorization: basic("alice") }))["x-forwarded-access-token"];
    expect((await echoed({ authorization: basic("alice") }))["x-forwarded-access-token"]).toBe(first);
    expect((await echoed({ authorization: basic("bob") }))["x-forwarded-access-token"]).not.toBe(first);
    const previous = principals;
    principals = { ...previous, users: previous.users.map((u) => ({ ...u, id: `${u.id}1` })) };
    try {
      const headers = await echoed({ authorization: basic("alice") });
      expect(headers["x-forwarded-user"]).toBe(`${user("alice").id}@${principals.workspaceId}`);
      expect(headers["x-forwarded-access-token"]).not.toBe(first);
      expectIdentity(headers, user("alice"));
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

  it("API calls carry a Basic challenge for scripts", async () => {
    const reply = await send(`${proxy.url}/api/files/volumes`);
    expect(reply.status).toBe(401);
    expect(reply.headers["www-authenticate"]).toBe('Basic realm="local workspace", charset="UTF-8"');
    const wrong = await send(`${proxy.url}/api/x`, { headers: { authorization: basic("mallory") } });
    expect(wrong.headers["www-authenticate"]).toMatch(/^Basic realm=/);
  });

  it("a page's own fetch gets 401 without a challenge that would pop up the browser's password dialog", async () => {
    const reply = await send(`${proxy.url}/api/me`, {
      headers: { "sec-fetch-mode": "cors", "sec-fetch-site": "same-origin", accept: "*/*" },
    });
    expect(reply.status).toBe(401);
    expect(reply.headers["www-authenticate"]).toBeDefined();
    expect(reply.headers["www-authenticate"]).not.toMatch(/basic/i);
  });

  it("a browser navigation is sent to the sign-in page, whatever it accepts", async () => {
    for (const accept of ["text/html,application/xhtml+xml,*/*;q=0.8", "*/*"]) {
      const reply = await send(`${proxy.url}/api/files/shared/download?path=a.csv`, {
        headers: { accept, "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" },
      });
      expect(reply.status).toBe(302);
      expect(reply.headers.location).toBe(
        "/.proxy/login?next=%2Fapi%2Ffiles%2Fshared%2Fdownload%3Fpath%3Da.csv",
      );
    }
    // A script asking for HTML is after a page too; a page's fetch is not, whatever it accepts.
    const fetched = await send(`${proxy.url}/`, {
      headers: { accept: "text/html", "sec-fetch-mode": "cors" },
    });
    expect(fetched.status).toBe(401);
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

  // What browsers send when a person clicks a user on the sign-in page, which is served with
  // `Referrer-Policy: no-referrer`: Chromium and Firefox say `Origin: null`; older ones no Origin.
  it.each([
    ["Chromium", { origin: "null", "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate" }],
    ["Firefox", { origin: "null", "sec-fetch-site": "same-origin", "sec-fetch-user": "?1" }],
    ["a browser without Origin", { "sec-fetch-site": "same-origin" }],
    ["a page with its origin", { origin: "SELF", "sec-fetch-site": "same-origin" }],
    ["a script (curl)", {}],
  ])("signs in a person choosing a user in %s", async (_, browserHeaders: Record<string, string>) => {
    const headers = { ...browserHeaders };
    if (headers.origin === "SELF") headers.origin = proxy.url;
    const reply = await send(`${proxy.url}/.proxy/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: "user=alice%40example.com&next=%2Fbrowse%2Fshared",
    });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe("/browse/shared");
    const pair = (reply.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
    expectIdentity(await echoed({ cookie: pair }), user("alice"));
  });

  it.each([
    ["another site", { origin: "http://evil.example" }],
    ["another site, per Fetch Metadata", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }],
    ["another port of this host", { origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site" }],
    ["a same-site page hiding its origin", { origin: "null", "sec-fetch-site": "same-site" }],
    ["a cross-site page hiding its origin", { origin: "null", "sec-fetch-site": "cross-site" }],
    ["an opaque origin without Fetch Metadata", { origin: "null" }],
    [
      "a foreign origin claiming same-origin",
      { origin: "http://evil.example", "sec-fetch-site": "same-origin" },
    ],
  ])("refuses a sign-in posted from %s", async (_, headers: Record<string, string>) => {
    const reply = await send(`${proxy.url}/.proxy/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: "user=alice&next=%2F",
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.text)).toEqual({ error: "FORBIDDEN", message: "Cross-site sign-in refused" });
    expect(reply.headers["set-cookie"]).toBeUndefined();
  });

  it("signs out on a post from the app's page, and refuses one from another site", async () => {
    const pair = await signInCookie("carol");
    const foreign = await send(`${proxy.url}/.proxy/logout`, {
      method: "POST",
      headers: { cookie: pair, origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(foreign.status).toBe(403);
    expect((await send(`${proxy.url}/api/x`, { headers: { cookie: pair } })).status).toBe(200);
    const out = await send(`${proxy.url}/.proxy/logout`, {
      method: "POST",
      headers: { cookie: pair, origin: proxy.url, "sec-fetch-site": "same-origin", "content-length": "0" },
    });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe("/.proxy/login");
    expect((await send(`${proxy.url}/api/x`, { headers: { cookie: pair } })).status).toBe(401);
  });
});

it("answers a sign-in sent with Expect: 100-continue (curl's habit for larger bodies)", async () => {
  const body = new URLSearchParams({ user: "bob", next: "/x" }).toString();
  const result = await new Promise<{ continued: boolean; status: number; location?: string }>(
    (resolve, reject) => {
      let continued = false;
      const req = http.request(`${proxy.url}/.proxy/login`, {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          expect: "100-continue",
        },
      });
      req.on("continue", () => {
        continued = true;
        req.end(body);
      });
      req.on("response", (res) => {
        res.resume();
        resolve({ continued, status: res.statusCode ?? 0, location: res.headers.location });
      });
      req.on("error", reject);
      req.flushHeaders();
    },
  );
  expect(result).toEqual({ continued: true, status: 303, location: "/x" });
});

describe("telling the app where to switch user and sign out", () => {
  it("adds the sign-in links to every forwarded request, replacing client-sent copies", async () => {
    const headers = await echoed({
      authorization: basic("alice"),
      "x-local-workspace-sign-in": "https://evil.example/login",
      "x-local-workspace-sign-out": "//evil.example",
      "x-local-workspace-other": "x",
    });
    expect(headers["x-local-workspace-sign-in"]).toBe("/.proxy/login");
    expect(headers["x-local-workspace-sign-out"]).toBe("/.proxy/logout");
    expect(headers["x-local-workspace-other"]).toBeUndefined();
  });
});

it("logs method, path, user and status, never a token", () => {
  expect(lines.some((l) => /^GET \/echo alice@example\.com 200 \d+ms$/.test(l))).toBe(true);
  for (const u of principals.users) expect(lines.join("\n")).not.toContain(u.token);
});
