import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER } from "../../shared/http-headers.js";
import { csrfGuard } from "./csrf.js";

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  await app.register(csrfGuard);
  // Routes in a prefixed plugin, as the real ones are: the guard must follow them there.
  await app.register(
    async (files) => {
      for (const method of ["POST", "PUT", "PATCH", "DELETE", "GET"] as const) {
        files.route({ method, url: "/:volume/thing", handler: async () => ({ done: method }) });
      }
      files.route({ method: ["GET", "POST"], url: "/:volume/both", handler: async () => ({ done: "both" }) });
    },
    { prefix: "/api/files" },
  );
  app.post("/not-api/form", async () => ({ done: "form" }));
  // A route that (wrongly) tries to open itself to other origins.
  app.get("/api/leaky", async (_request, reply) => {
    reply.header("access-control-allow-origin", "*");
    reply.header("Access-Control-Allow-Credentials", "true");
    return { ok: true };
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const HOST = "app.example.databricksapps.com";
const URL = "/api/files/main/thing";
const SPA = { [CSRF_HEADER.name]: CSRF_HEADER.value };

async function send(
  method: "POST" | "PUT" | "PATCH" | "DELETE" | "GET",
  headers: Record<string, string>,
  url = URL,
) {
  return app.inject({
    method,
    url,
    headers: { host: HOST, ...headers },
    payload: method === "GET" ? undefined : {},
  });
}

async function expectRejected(response: Awaited<ReturnType<typeof send>>, message: RegExp) {
  expect(response.statusCode).toBe(403);
  const body = response.json();
  expect(body).toMatchObject({ code: "CSRF_REJECTED", status: 403 });
  expect(body.message).toMatch(message);
  expect(typeof body.requestId).toBe("string");
}

describe("csrf guard", () => {
  it("lets the SPA's same-origin requests through, for every mutating method", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      const response = await send(method, {
        ...SPA,
        "sec-fetch-site": "same-origin",
        origin: `https://${HOST}`,
      });
      expect(response.statusCode, method).toBe(200);
      expect(response.json()).toEqual({ done: method });
    }
  });

  it("lets a non-browser client with the custom header through", async () => {
    expect((await send("DELETE", SPA)).statusCode).toBe(200);
    expect((await send("POST", { "x-requested-with": "curl" })).statusCode).toBe(200);
  });

  it("requires the custom header even from the same origin (a same-origin form cannot add it)", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      await expectRejected(await send(method, { "sec-fetch-site": "same-origin" }), /X-Requested-With/);
    }
    await expectRejected(await send("POST", {}), /X-Requested-With/);
    await expectRejected(await send("POST", { "x-requested-with": "" }), /X-Requested-With/);
    await expectRejected(await send("POST", { "x-requested-with": "   " }), /X-Requested-With/);
  });

  it("refuses other sites, including sibling apps on the same site", async () => {
    for (const site of ["same-site", "cross-site", "none"]) {
      await expectRejected(await send("POST", { ...SPA, "sec-fetch-site": site }), /Sec-Fetch-Site/);
    }
  });

  it("refuses a cross-site form post", async () => {
    const response = await app.inject({
      method: "POST",
      url: URL,
      headers: {
        host: HOST,
        origin: "https://evil.databricksapps.com",
        "sec-fetch-site": "same-site",
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: "path=important.csv",
    });
    await expectRejected(response, /cross-origin/);
  });

  it("refuses Origin: null even when everything else looks right", async () => {
    await expectRejected(await send("POST", { ...SPA, origin: "null" }), /Origin: null/);
    await expectRejected(
      await send("POST", { ...SPA, origin: "null", "sec-fetch-site": "same-origin" }),
      /null/,
    );
  });

  it("without Sec-Fetch-Site, checks Origin against the forwarded host, then the host", async () => {
    expect((await send("POST", { ...SPA, origin: `https://${HOST}` })).statusCode).toBe(200);
    expect((await send("POST", { ...SPA, origin: `https://${HOST.toUpperCase()}` })).statusCode).toBe(200);
    const behindProxy = {
      ...SPA,
      host: "127.0.0.1:8000",
      "x-forwarded-host": HOST,
      origin: `https://${HOST}`,
    };
    expect((await send("POST", behindProxy)).statusCode).toBe(200);
    await expectRejected(
      await send("POST", {
        ...SPA,
        host: "127.0.0.1:8000",
        "x-forwarded-host": HOST,
        origin: "http://127.0.0.1:8000",
      }),
      /Origin does not match/,
    );
    await expectRejected(
      await send("POST", { ...SPA, origin: "https://evil.example.com" }),
      /Origin does not match/,
    );
    await expectRejected(
      await send("POST", { ...SPA, origin: `https://${HOST}:8443` }),
      /Origin does not match/,
    );
    await expectRejected(
      await send("POST", { ...SPA, origin: `https://${HOST}.evil.com` }),
      /Origin does not match/,
    );
    await expectRejected(await send("POST", { ...SPA, origin: "file://" }), /Origin does not match/);
    await expectRejected(await send("POST", { ...SPA, origin: "not a url" }), /Origin does not match/);
  });

  it("does not check reads, and checks every state-changing route, under /api/ or not", async () => {
    const read = await send("GET", { origin: "https://evil.example.com", "sec-fetch-site": "cross-site" });
    expect(read.statusCode).toBe(200);
    const head = await app.inject({ method: "HEAD", url: URL, headers: { host: HOST } });
    expect(head.statusCode).toBe(200);
    await expectRejected(await send("POST", {}, "/not-api/form"), /X-Requested-With/);
    expect((await send("POST", SPA, "/not-api/form")).statusCode).toBe(200);
  });

  it("checks a route that takes both safe and unsafe methods per request", async () => {
    expect((await send("GET", {}, "/api/files/main/both")).statusCode).toBe(200);
    await expectRejected(await send("POST", {}, "/api/files/main/both"), /X-Requested-With/);
  });

  it("binds to the route that matched, however the URL was spelled", async () => {
    // Regression: the router decodes `%61` to `a`; a check on the raw URL's `/api/` prefix let these through.
    for (const url of [
      "/%61pi/files/main/thing",
      "/api/%66%69%6c%65%73/main/thing",
      "/api/%66iles/main/thing",
      "/%61%70%69/%66%69%6C%65%73/main/thing",
      "/api/files/%6Dain/%74hing",
    ]) {
      await expectRejected(await send("DELETE", {}, url), /X-Requested-With/);
      await expectRejected(
        await send(
          "POST",
          { origin: "https://evil.example.com", "sec-fetch-site": "cross-site", ...SPA },
          url,
        ),
        /cross-origin/,
      );
    }
    // Spellings the router does not decode into a route reach nothing at all.
    for (const url of ["/API/files/main/thing", "//api/files/main/thing", "/api%2Ffiles/main/thing"]) {
      expect((await send("POST", {}, url)).statusCode, url).toBe(404);
    }
    await expectRejected(await send("DELETE", {}, `${URL}?x-requested-with=1`), /X-Requested-With/);
  });

  it("never emits CORS headers, not even for a preflight", async () => {
    const preflight = await app.inject({
      method: "OPTIONS",
      url: URL,
      headers: {
        host: HOST,
        origin: "https://evil.example.com",
        "access-control-request-method": "DELETE",
        "access-control-request-headers": "x-requested-with",
      },
    });
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
    expect(preflight.statusCode).toBeGreaterThanOrEqual(400);

    const leaky = await app.inject({
      method: "GET",
      url: "/api/leaky",
      headers: { host: HOST, origin: "https://evil.example.com" },
    });
    expect(leaky.statusCode).toBe(200);
    expect(Object.keys(leaky.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });
});
