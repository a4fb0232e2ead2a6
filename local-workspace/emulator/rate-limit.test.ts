import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRateLimit, RateLimiter } from "./rate-limit.js";
import { dirsUrl, filesUrl, send } from "./test-support/http.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

describe("RateLimiter", () => {
  it("admits up to `concurrent` requests in flight per principal, and frees a slot on release", () => {
    const limiter = new RateLimiter({ concurrent: 2, perSecond: 100 }, () => 0);
    const first = limiter.admit("a");
    limiter.admit("a");
    expect(() => limiter.admit("a")).toThrow(expect.objectContaining({ status: 429 }));
    limiter.admit("b"); // another principal has its own budget
    first();
    first(); // releasing twice frees one slot only
    limiter.admit("a");
    expect(() => limiter.admit("a")).toThrow(expect.objectContaining({ status: 429 }));
  });

  it("allows a burst of `perSecond`, then refills at that rate, with a Retry-After in seconds", () => {
    let now = 0;
    const limiter = new RateLimiter({ concurrent: 1000, perSecond: 10 }, () => now);
    for (let i = 0; i < 10; i++) limiter.admit("a")();
    let refused: unknown;
    try {
      limiter.admit("a");
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({
      status: 429,
      errorCode: "REQUEST_LIMIT_EXCEEDED",
      headers: { "retry-after": "1" },
    });
    now = 100; // one token back after 1/10 s
    limiter.admit("a")();
    expect(() => limiter.admit("a")).toThrow();
  });

  it("off admits everything", () => {
    const limiter = new RateLimiter(false);
    for (let i = 0; i < 1000; i++) limiter.admit("a");
  });

  it("parses LOCAL_WORKSPACE_RATE_LIMIT", () => {
    expect(parseRateLimit(undefined)).toEqual({ concurrent: 10, perSecond: 100 });
    expect(parseRateLimit("off")).toBe(false);
    expect(parseRateLimit(" 4, 50 ")).toEqual({ concurrent: 4, perSecond: 50 });
    expect(() => parseRateLimit("fast")).toThrow(/LOCAL_WORKSPACE_RATE_LIMIT/);
    expect(() => parseRateLimit("0,10")).toThrow(/LOCAL_WORKSPACE_RATE_LIMIT/);
  });
});

describe("the emulator's rate limit over HTTP", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await startTestWorkspace({ rateLimit: { concurrent: 3, perSecond: 1000 } });
  });
  afterAll(() => ws.close());

  it("answers the request over the limit 429 REQUEST_LIMIT_EXCEEDED with Retry-After, and counts it", async () => {
    ws.emulator.stats.reset();
    // Three slow requests hold the three slots; the fourth is refused at once.
    ws.emulator.faults.add({ pathPrefix: MAIN_ROOT, method: "HEAD", delayMs: 400, count: 3 });
    const slow = Array.from({ length: 3 }, () =>
      send(ws.emulator.url, { method: "HEAD", path: dirsUrl(MAIN_ROOT), token: ws.tokens.alice }),
    );
    await new Promise((r) => setTimeout(r, 100));
    const refused = await send(ws.emulator.url, { path: dirsUrl(MAIN_ROOT), token: ws.tokens.alice });
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBe("1");
    expect(refused.json()).toEqual({
      error_code: "REQUEST_LIMIT_EXCEEDED",
      message: expect.stringMatching(/^Too many requests/),
    });
    // The limit is per principal: the SP still gets through.
    expect((await send(ws.emulator.url, { path: dirsUrl(MAIN_ROOT), token: ws.tokens.sp })).status).toBe(200);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(ws.emulator.stats.snapshot()).toMatchObject({ rateLimited: 1, peakConcurrent: 3 });
    // Slots are free again once the answers are out.
    expect((await send(ws.emulator.url, { path: dirsUrl(MAIN_ROOT), token: ws.tokens.alice })).status).toBe(
      200,
    );
  });

  it("checks credentials first: an unknown token gets its 403, not a 429", async () => {
    ws.emulator.rateLimit.set({ concurrent: 1, perSecond: 1 });
    try {
      await send(ws.emulator.url, { path: dirsUrl(MAIN_ROOT), token: ws.tokens.bob });
      expect((await send(ws.emulator.url, { path: dirsUrl(MAIN_ROOT), token: "dapi-x" })).status).toBe(403);
      expect((await send(ws.emulator.url, { path: dirsUrl(MAIN_ROOT), token: ws.tokens.bob })).status).toBe(
        429,
      );
    } finally {
      ws.emulator.rateLimit.set({ concurrent: 3, perSecond: 1000 });
    }
  });

  it("can be switched off and on over the test hooks", async () => {
    const put = (rateLimit: unknown) =>
      send(ws.emulator.url, {
        method: "PUT",
        path: "/__emulator/rate-limit",
        body: JSON.stringify({ rateLimit }),
      });
    expect((await put(false)).json()).toEqual({ rateLimit: false });
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(ws.emulator.url, {
          method: "PUT",
          path: filesUrl(`${MAIN_ROOT}/burst/${i}.txt`),
          token: ws.tokens.alice,
          body: "x",
        }),
      ),
    );
    expect(burst.every((r) => r.status === 204)).toBe(true);
    expect((await put({ concurrent: 3, perSecond: 1000 })).json()).toEqual({
      rateLimit: { concurrent: 3, perSecond: 1000 },
    });
    expect((await put({ concurrent: 0 })).status).toBe(400);
  });
});
