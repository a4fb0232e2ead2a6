// The app's log as a person reads it: one line per request through the real proxy, with method,
// route, status, time and user, and never the forwarded token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../test-support/stack.js";

type Line = Record<string, unknown>;

describe("request log", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  /** The lines about one request; the line is written once the response is done, so wait for it. */
  async function linesFor(url: string): Promise<Line[]> {
    const deadline = Date.now() + 2_000;
    for (;;) {
      const all = stack.logs.map((l) => JSON.parse(l) as Line);
      const line = all.find((l) => l.url === url && typeof l.status === "number");
      if (line || Date.now() > deadline)
        return all.filter((l) => line !== undefined && l.reqId === line.reqId);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it("writes exactly one info line per request, with method, route, status, time and user", async () => {
    // uploads runs on behalf of the user, so alice's token travels with this request.
    const url = "/api/files/uploads/list?path=";
    expect((await stack.fetch("alice", url)).status).toBe(200);
    const lines = await linesFor(url);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 30,
      method: "GET",
      url,
      route: "/api/files/:volume/list",
      status: 200,
      user: "alice@example.com",
      msg: expect.stringMatching(/^GET \/api\/files\/uploads\/list\?path= 200 [\d.]+ms alice@example\.com$/),
    });
    expect(typeof line?.ms).toBe("number");
    const token = stack.info.users.find((u) => u.name === "alice")?.token;
    expect(token).toBeTruthy();
    expect(stack.logs.join("\n")).not.toContain(token);
    // What the proxy forwards is a downscoped OAuth token (eyJ…), not the PAT: none may be logged.
    expect(stack.logs.join("\n")).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}/);
  });

  it("a refusal is the same one line with its code, no stack; the audit of a denial is its only companion", async () => {
    const url = "/api/files/shared/mkdir";
    const res = await stack.fetch("bob", url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "not-allowed" }),
    });
    expect(res.status).toBe(403);
    const lines = await linesFor(url);
    const requestLines = lines.filter((l) => l.url === url);
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      level: 30,
      status: 403,
      code: "POLICY_DENIED",
      user: "bob@example.com",
    });
    expect(requestLines[0]).not.toHaveProperty("err");
    expect(lines.filter((l) => l.url !== url).map((l) => l.msg)).toEqual(["audit"]);
  });

  it("a client that goes away mid-request still gets its one line", async () => {
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: `${stack.volumePath("shared")}/notes.txt`,
      hang: true,
    });
    const url = "/api/files/shared/download?path=notes.txt";
    const controller = new AbortController();
    const pending = stack.fetch("alice", url, { signal: controller.signal }).catch(() => "aborted");
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    expect(await pending).toBe("aborted");
    const lines = (await linesFor(url)).filter((l) => l.url === url);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, closedEarly: true, user: "alice@example.com" });
    expect(lines[0]?.msg).toMatch(/\(client closed before the end\)/);
    stack.emulator.faults.clear();
  });

  it("a successful write: the request line plus its audit entry, nothing else", async () => {
    const url = "/api/files/uploads/mkdir";
    const res = await stack.fetch("alice", url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "logged-folder" }),
    });
    expect(res.status).toBeLessThan(300);
    const lines = await linesFor(url);
    expect(lines.map((l) => l.msg).sort()).toEqual([
      expect.stringMatching(/^POST \/api\/files\/uploads\/mkdir 200 /),
      "audit",
    ]);
    expect(lines.every((l) => l.level === 30)).toBe(true);
  });
});
