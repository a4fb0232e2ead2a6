// Route-level guards (CSRF, admin checks, body limits) run on the route that matched, not on a
// spelling of the URL. Against the whole product over real HTTP: every registered
// state-changing route refuses a cross-site request, and ~40 spellings of the API prefix either
// reach no route or are refused by the same guard: never a write.
import { readFile, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicAuth, startTestStack, type TestStack } from "../test-support/stack.js";
import { isStateChanging } from "./csrf.js";

interface Sent {
  status: number;
  body: string;
}

/** One request with its path sent byte for byte (a URL string would be normalised by the client). */
function sendRaw(base: string, method: string, path: string, headers: Record<string, string>, body = "") {
  const { hostname, port } = new URL(base);
  return new Promise<Sent>((resolve, reject) => {
    const sized = { ...headers, "content-length": String(Buffer.byteLength(body)) };
    const req = http.request({ hostname, port, method, path, headers: sized, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const CROSS_SITE = {
  origin: "http://evil.example.com",
  "sec-fetch-site": "cross-site",
  "content-type": "text/plain",
};

const hex = (c: string, upper: boolean) => {
  const code = `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  return upper ? code.toUpperCase() : code.toLowerCase();
};

/** Spellings of `/api/files/` a router might read as the API prefix (and many it must not). */
function prefixSpellings(prefix = "/api/files/"): string[] {
  const chars = [...prefix];
  const out = new Set<string>();
  const encodeAt = (indices: (i: number) => boolean, upper: boolean) =>
    chars.map((c, i) => (indices(i) ? hex(c, upper) : c)).join("");
  // The leading `/` stays: a request target without it is not HTTP (the parser refuses it).
  for (const upper of [true, false]) {
    for (let i = 1; i < chars.length; i++) out.add(encodeAt((j) => j === i, upper));
    out.add(encodeAt((i) => i > 0, upper));
    out.add(encodeAt((i) => chars[i] !== "/", upper));
  }
  const slashes = chars.flatMap((c, i) => (c === "/" ? [i] : []));
  for (const i of slashes) out.add(`${prefix.slice(0, i)}/${prefix.slice(i)}`);
  for (const variant of [
    "/API/files/",
    "/Api/Files/",
    "/api/FILES/",
    "///api/files/",
    "/./api/files/",
    "/x/../api/files/",
    "/api/./files/",
    "/api/x/../files/",
    "/api/files/./",
    "/api/files/x/../",
    "/%2e/api/files/",
    "/x/%2e%2e/api/files/",
    "/x/%2E%2E/api/files/",
    "/api/files/%2e/",
    "/api\\files/",
    "/api;x/files/",
    "/api%00/files/",
    "/%2561pi/files/",
    "/api/files%2f",
  ]) {
    out.add(variant);
  }
  return [...out];
}

describe("route-bound guards", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { FILES_ADMINS: "alice@example.com" },
      // A custom route added after the app was built is guarded like ours.
      customize: async (app) => {
        app.put("/custom/thing", async () => ({ done: true }));
      },
    });
  });
  afterAll(() => stack?.close());

  const writes = () => stack.upstream.filter((u) => u.method === "PUT" || u.method === "DELETE");
  const exists = (rel: string) =>
    stat(stack.onDisk("uploads", rel)).then(
      () => true,
      () => false,
    );

  it("refuses a cross-site request on every registered state-changing route", async () => {
    const mutating = stack.routes.filter((r) => isStateChanging(r.methods));
    const described = mutating.map((r) => `${r.methods.join(",")} ${r.url}`).sort();
    // Not vacuous: the product's writes are all there.
    expect(described).toEqual(
      expect.arrayContaining([
        "DELETE /api/files/:volume",
        "POST /api/files/:volume/mkdir",
        "POST /api/files/:volume/move",
        "POST /api/files/:volume/upload",
        "PUT /custom/thing",
      ]),
    );
    const before = writes().length;
    for (const route of mutating) {
      const path = `${route.url.replace(":volume", "uploads")}?path=guarded.txt&overwrite=true&recursive=true`;
      for (const method of route.methods.filter((m) => isStateChanging(m))) {
        for (const headers of [CROSS_SITE, { "sec-fetch-site": "same-origin" }]) {
          const direct = await sendRaw(stack.info.appUrl, method, path, headers, "x");
          expect(direct.status, `${method} ${path} ${JSON.stringify(headers)} ${direct.body}`).toBe(403);
          expect(JSON.parse(direct.body)).toMatchObject({ code: "CSRF_REJECTED" });
          const proxied = await sendRaw(
            stack.info.proxyUrl,
            method,
            path,
            { ...headers, authorization: basicAuth("alice") },
            "x",
          );
          expect(proxied.status, `via proxy: ${method} ${path}`).toBe(403);
        }
      }
    }
    expect(writes().length).toBe(before);
    expect(await exists("guarded.txt")).toBe(false);
  });

  it("regression: POST /%61pi/… with a foreign Origin and text/plain writes nothing", async () => {
    const path = "/%61pi/files/uploads/upload?path=csrf-bypass.txt&overwrite=true";
    const headers = { ...CROSS_SITE, authorization: basicAuth("alice") };
    const refused = await sendRaw(stack.info.proxyUrl, "POST", path, headers, "pwned");
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "CSRF_REJECTED" });
    expect(await exists("csrf-bypass.txt")).toBe(false);
    // The same route, spelled the same way, with the SPA's headers: the same checks pass.
    const spa = {
      authorization: basicAuth("alice"),
      "x-requested-with": "volumes-browser",
      "content-type": "text/plain",
    };
    expect((await sendRaw(stack.info.proxyUrl, "POST", path, spa, "fine")).status).toBe(200);
    expect(await readFile(stack.onDisk("uploads", "csrf-bypass.txt"), "utf8")).toBe("fine");
  });

  it("regression: DELETE /%61pi/… without X-Requested-With deletes nothing", async () => {
    await writeFile(stack.onDisk("uploads", "keep-me.txt"), "keep");
    const refused = await sendRaw(stack.info.proxyUrl, "DELETE", "/%61pi/files/uploads?path=keep-me.txt", {
      authorization: basicAuth("alice"),
    });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "CSRF_REJECTED" });
    expect(await exists("keep-me.txt")).toBe(true);
  });

  it("fuzz: every spelling of the API prefix reaches no route or is refused, never a write", async () => {
    await writeFile(stack.onDisk("uploads", "fuzz-keep.txt"), "keep");
    const before = writes().length;
    const spellings = prefixSpellings();
    expect(spellings.length).toBeGreaterThan(30);
    const outcomes = new Map<string, number>();
    for (const [i, prefix] of spellings.entries()) {
      for (const [method, path] of [
        ["POST", `${prefix}uploads/upload?path=fuzz-${i}.txt&overwrite=true`],
        ["POST", `${prefix}%75ploads/upl%6Fad?path=fuzz-${i}.txt&overwrite=true`],
        ["DELETE", `${prefix}uploads?path=fuzz-keep.txt`],
        ["POST", `${prefix}uploads/mkdir`],
      ] as const) {
        for (const base of [stack.info.appUrl, stack.info.proxyUrl]) {
          const auth: Record<string, string> =
            base === stack.info.proxyUrl ? { authorization: basicAuth("alice") } : {};
          const res = await sendRaw(base, method, path, { ...CROSS_SITE, ...auth }, '{"path":"fuzz-dir"}');
          const code = res.status === 403 ? (JSON.parse(res.body) as { code: string }).code : "";
          expect([404, 403], `${method} ${path} → ${res.status} ${res.body.slice(0, 120)}`).toContain(
            res.status,
          );
          if (res.status === 403) expect(code, path).toBe("CSRF_REJECTED");
          outcomes.set(String(res.status), (outcomes.get(String(res.status)) ?? 0) + 1);
        }
      }
    }
    // Both kinds occur: the router decodes some spellings into the API (guarded) and not others.
    expect(outcomes.get("403")).toBeGreaterThan(0);
    expect(outcomes.get("404")).toBeGreaterThan(0);
    expect(writes().length).toBe(before);
    expect(await exists("fuzz-keep.txt")).toBe(true);
    for (let i = 0; i < spellings.length; i++) expect(await exists(`fuzz-${i}.txt`)).toBe(false);
    expect(await exists("fuzz-dir")).toBe(false);
  });

  it("admin checks and body limits hold on any spelling that reaches the route", async () => {
    for (const prefix of ["/api/files/", "/%61pi/files/", "/api/%66iles/"]) {
      const asBob = await sendRaw(stack.info.proxyUrl, "GET", `${prefix}volumes?diagnostics=true`, {
        authorization: basicAuth("bob"),
      });
      expect(asBob.status, prefix).toBe(403);
      expect(JSON.parse(asBob.body)).toMatchObject({ code: "ADMINS_ONLY" });
      // Fastify's JSON body limit (1 MiB) belongs to the route, not to the spelling. Straight to
      // the app: the local proxy answers 502 when the app refuses a body before reading it.
      const big = JSON.stringify({ path: "x".repeat(2 * 1024 * 1024) });
      const tooBig = await sendRaw(
        stack.info.appUrl,
        "POST",
        `${prefix}shared/mkdir`,
        { "x-requested-with": "volumes-browser", "content-type": "application/json" },
        big,
      );
      expect(tooBig.status, prefix).toBe(413);
    }
  });
});
