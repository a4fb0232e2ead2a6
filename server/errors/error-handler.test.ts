import Fastify, { type FastifyInstance, LogController } from "fastify";
import Type from "typebox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpstreamError } from "../databricks/upstream-error.js";
import { AppError } from "./app-error.js";
import { payloadTooLarge, policyDenied, rangeNotSatisfiable } from "./catalogue.js";
import { errorHandler } from "./error-handler.js";

const SECRET = "dapi0123456789secret";

async function buildApp(): Promise<{ app: FastifyInstance; logs: string[] }> {
  const logs: string[] = [];
  const app = Fastify({
    requestIdHeader: "x-request-id",
    bodyLimit: 100,
    logController: new LogController({ disableRequestLogging: true }),
    logger: { level: "info", stream: { write: (line: string) => logs.push(line) } },
  });
  await app.register(errorHandler);
  // Registered in a child scope: the handler must still apply (fastify-plugin breaks encapsulation).
  await app.register(async (child) => {
    child.get("/policy", async () => {
      throw policyDenied("upload", "reports");
    });
    child.get("/uc", async () => {
      throw new UpstreamError(403, "PERMISSION_DENIED", "User does not have READ VOLUME on Volume 'c.s.v'.", {
        reason: "FILES_API_PERMISSION_DENIED",
        upstreamStatus: 403,
      });
    });
    child.get("/range", async (_req, reply) => {
      reply.header("content-disposition", 'attachment; filename="a.bin"');
      throw rangeNotSatisfiable(42);
    });
    child.get("/boom", async () => {
      throw new Error(`db connection failed with token ${SECRET}`);
    });
    child.get("/typed-boom", async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    child.get("/with-status", async () => {
      throw Object.assign(new Error(`internal detail ${SECRET}`), { statusCode: 418 });
    });
    child.get(
      "/validated",
      { schema: { querystring: Type.Object({ path: Type.String({ minLength: 1 }) }) } },
      async () => ({ ok: true }),
    );
    child.post("/json", async () => ({ ok: true }));
    child.get("/big", async () => {
      throw payloadTooLarge(1024);
    });
  });
  await app.ready();
  return { app, logs };
}

describe("errorHandler", () => {
  let app: FastifyInstance;
  let logs: string[];
  beforeAll(async () => {
    ({ app, logs } = await buildApp());
  });
  afterAll(() => app.close());

  it("answers an AppError with its status, code, message, reason and the request id", async () => {
    const res = await app.inject({ url: "/uc", headers: { "x-request-id": "req-123" } });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      code: "PERMISSION_DENIED",
      message: "User does not have READ VOLUME on Volume 'c.s.v'.",
      error: "User does not have READ VOLUME on Volume 'c.s.v'.",
      status: 403,
      reason: "FILES_API_PERMISSION_DENIED",
      requestId: "req-123",
    });
  });

  it("keeps policy denials distinct from upstream ones", async () => {
    const res = await app.inject({ url: "/policy" });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: "POLICY_DENIED", status: 403 });
    expect(res.json().reason).toBeUndefined();
    expect(typeof res.json().requestId).toBe("string");
  });

  it("sends the error's own headers and drops the success headers a route had set", async () => {
    const res = await app.inject({ url: "/range" });
    expect(res.statusCode).toBe(416);
    expect(res.headers["content-range"]).toBe("bytes */42");
    expect(res.headers["content-disposition"]).toBeUndefined();
    expect(res.json()).toMatchObject({ code: "RANGE_NOT_SATISFIABLE", status: 416 });
  });

  it("hides unknown errors behind a generic 500 and logs them with context", async () => {
    for (const url of ["/boom", "/typed-boom"]) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: "INTERNAL", message: "Internal server error.", status: 500 });
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toContain("stack");
      expect(res.body).not.toContain("undefined");
    }
    const logged = logs.map((l) => JSON.parse(l)).filter((l) => l.level === 50);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({
      url: "/boom",
      route: "/boom",
      method: "GET",
      status: 500,
      code: "INTERNAL",
    });
    expect(logged[0].err.message).toContain("db connection failed");
    expect(logged[0].err.stack).toContain("Error: db connection failed");
  });

  it("logs a refusal once, at info, with its code and no stack", async () => {
    const before = logs.length;
    await app.inject({ url: "/policy", headers: { "x-forwarded-email": "bob@example.com" } });
    const lines = logs.slice(before).map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.url === "/policy" && typeof l.status === "number");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 30, status: 403, code: "POLICY_DENIED", user: "bob@example.com" });
    expect(mine[0]).not.toHaveProperty("err");
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });

  it("keeps the status of a foreign 4xx error but not its message", async () => {
    const res = await app.inject({ url: "/with-status" });
    expect(res.statusCode).toBe(418);
    expect(res.json()).toMatchObject({ code: "INVALID_REQUEST", status: 418 });
    expect(res.body).not.toContain(SECRET);
  });

  it("turns schema validation failures into 400 INVALID_REQUEST with the validation message", async () => {
    const res = await app.inject({ url: "/validated?path=" });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe("INVALID_REQUEST");
    expect(body.message).toMatch(/querystring\/path/);
  });

  it("gives Fastify's own 4xx errors a clean code and keeps their status", async () => {
    const media = await app.inject({
      method: "POST",
      url: "/json",
      headers: { "content-type": "text/x-odd" },
      body: "x",
    });
    expect(media.statusCode).toBe(415);
    expect(media.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });

    const big = await app.inject({
      method: "POST",
      url: "/json",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data: "x".repeat(500) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });

    const badJson = await app.inject({
      method: "POST",
      url: "/json",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ code: "INVALID_REQUEST", status: 400 });
  });

  it("answers a domain 413 with the limit in the message", async () => {
    const res = await app.inject({ url: "/big" });
    expect(res.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(res.json().message).toContain("1 KiB");
  });
});

describe("AppError", () => {
  it("rejects codes and statuses outside the contract", () => {
    expect(() => new AppError(200, "OK", "x")).toThrow(RangeError);
    expect(() => new AppError(400, "bad-code", "x")).toThrow(RangeError);
  });
});
