import { createHash } from "node:crypto";
import { once } from "node:events";
import http, { type IncomingMessage } from "node:http";
import net, { type AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrincipals } from "../principals.js";
import { type AppsProxy, startProxy } from "./index.js";
import { basic, eventually, send } from "./test-support/client.js";
import { type EchoApp, pattern, startEchoApp } from "./test-support/echo-app.js";

const SIZE = 100 * 1024 * 1024;
const principals = createPrincipals();
const auth = { authorization: basic("alice") };
let app: EchoApp;
let proxy: AppsProxy;
// A second proxy with a short limit, for the time-limit tests.
let hasty: AppsProxy;

beforeAll(async () => {
  app = await startEchoApp();
  proxy = await startProxy({ appUrl: app.url, principals: () => principals });
  hasty = await startProxy({ appUrl: app.url, principals: () => principals, timeoutMs: 300 });
});
afterAll(async () => {
  await proxy?.close();
  await hasty?.close();
  await app?.close();
});

function get(url: string): { req: http.ClientRequest; response: Promise<IncomingMessage> } {
  const req = http.get(url, { headers: auth, agent: false });
  return { req, response: once(req, "response").then(([res]) => res as IncomingMessage) };
}

/** How a response body ended: all of it, or a broken connection (or not at all within 3 s). */
function ending(res: IncomingMessage): Promise<string> {
  res.resume();
  res.on("error", () => {});
  return Promise.race([
    new Promise<string>((resolve) => res.on("close", () => resolve(res.complete ? "complete" : "broken"))),
    new Promise<string>((resolve) => setTimeout(() => resolve("still open"), 3000).unref()),
  ]);
}

/** How the app's side of its latest request ended; fails the test if it is still open after `ms`. */
function appOutcome(ms = 3000): Promise<string> {
  const last = app.seen.at(-1);
  if (!last) throw new Error("the app saw no request");
  return Promise.race([
    last.outcome,
    new Promise<string>((r) => setTimeout(() => r("still open"), ms).unref()),
  ]);
}

/** Waits until a counter stops moving, then returns it: how far a writer got before backpressure held it. */
async function stalled(counter: () => number): Promise<number> {
  let last = -1;
  let still = 0;
  for (let i = 0; i < 100 && still < 5; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const now = counter();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

describe("passing requests and responses through", () => {
  it("keeps status, repeated set-cookie and custom headers; drops hop-by-hop ones", async () => {
    const reply = await send(`${proxy.url}/cookies`, { headers: auth });
    expect(reply.status).toBe(200);
    expect(reply.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    expect(reply.headers["x-custom"]).toBe("yes");
    expect(reply.text).toBe("ok");

    const echoed = await send(`${proxy.url}/echo`, {
      headers: {
        ...auth,
        connection: "keep-alive, x-hop",
        "x-hop": "1",
        "keep-alive": "timeout=5",
        "x-kept": "2",
      },
    });
    const headers = (JSON.parse(echoed.text) as { headers: Record<string, string> }).headers;
    expect(headers["x-hop"]).toBeUndefined();
    expect(headers["keep-alive"]).toBeUndefined();
    expect(headers["x-kept"]).toBe("2");
  });

  it("answers HEAD like the app does, without a body", async () => {
    const reply = await send(`${proxy.url}/echo`, { method: "HEAD", headers: auth });
    expect(reply.status).toBe(200);
    expect(Number(reply.headers["content-length"])).toBeGreaterThan(0);
    expect(reply.text).toBe("");
    expect(app.seen.at(-1)?.method).toBe("HEAD");
  });

  it("streams a 100 MB download intact, holding the app back while the client doesn't read", async () => {
    const { response } = get(`${proxy.url}/download?bytes=${SIZE}`);
    const res = await response;
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    // Not reading yet: a buffering proxy would let the app write everything.
    expect(await stalled(() => app.downloadWritten)).toBeLessThan(SIZE / 3);
    const hash = createHash("sha256");
    let bytes = 0;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    expect(bytes).toBe(SIZE);
    expect(hash.digest("hex")).toBe(app.downloadSha);
  });

  it("streams a 100 MB upload intact, holding the client back while the app doesn't read", async () => {
    const hash = createHash("sha256");
    let sent = 0;
    const body = Readable.from(
      (function* () {
        for (const chunk of pattern(SIZE)) {
          hash.update(chunk);
          sent += chunk.length;
          yield chunk;
        }
      })(),
    );
    const req = http.request(`${proxy.url}/upload?hold=1`, { method: "POST", headers: auth, agent: false });
    const response = once(req, "response");
    body.pipe(req);
    expect(await stalled(() => sent)).toBeLessThan(SIZE / 3);
    expect(app.uploadReceived).toBe(0);
    app.releaseUploads();
    const [res] = (await response) as [IncomingMessage];
    const chunks: Buffer[] = [];
    for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(JSON.parse(Buffer.concat(chunks).toString())).toEqual({ bytes: SIZE, sha256: hash.digest("hex") });
  });
});

describe("broken exchanges", () => {
  it("a client that goes away mid-download closes the app's request", async () => {
    const { req, response } = get(`${proxy.url}/drip`);
    const res = await response;
    await once(res, "data");
    req.destroy();
    expect(await appOutcome()).toBe("aborted");
  });

  it("a client that goes away mid-upload closes the app's request", async () => {
    const req = http.request(`${proxy.url}/upload`, { method: "POST", headers: auth, agent: false });
    req.on("error", () => {});
    req.write(Buffer.alloc(256 * 1024));
    await eventually(() => app.seen.at(-1)?.url === "/upload" && app.uploadReceived > 0);
    req.destroy();
    expect(await appOutcome()).toBe("aborted");
  });

  it("an app that resets mid-body breaks the client's response instead of ending it cleanly", async () => {
    const res = await get(`${proxy.url}/reset`).response;
    expect(res.statusCode).toBe(200);
    expect(await ending(res)).toBe("broken");
  });

  it("retries a GET once when the app dropped the pooled keep-alive connection", async () => {
    // Closes every connection on its second request, as an app does when its keep-alive timeout races a reuse.
    const used = new WeakSet<object>();
    const flaky = http.createServer((req, res) => {
      if (used.has(req.socket)) {
        req.socket.destroy();
        return;
      }
      used.add(req.socket);
      res.end("fresh");
    });
    await new Promise<void>((r) => flaky.listen(0, "127.0.0.1", r));
    const { port } = flaky.address() as AddressInfo;
    const retrying = await startProxy({ appUrl: `http://127.0.0.1:${port}`, principals: () => principals });
    try {
      for (let i = 0; i < 3; i++) {
        const reply = await send(`${retrying.url}/x`, { headers: auth });
        expect(reply.status).toBe(200);
        expect(reply.text).toBe("fresh");
      }
    } finally {
      await retrying.close();
      flaky.closeAllConnections();
      await new Promise((r) => flaky.close(r));
    }
  });

  it("answers 502 when nothing listens at the app's address", async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const orphan = await startProxy({ appUrl: `http://127.0.0.1:${port}`, principals: () => principals });
    try {
      const reply = await send(`${orphan.url}/api/x`, { headers: auth });
      expect(reply.status).toBe(502);
      const body = JSON.parse(reply.text) as { error: string; message: string };
      expect(body.error).toBe("BAD_GATEWAY");
      expect(body.message).toContain("ECONNREFUSED");
    } finally {
      await orphan.close();
    }
  });
});

describe("per-request time limit", () => {
  it("answers 504 when the app has not responded in time, and closes the app's request", async () => {
    const started = Date.now();
    const reply = await send(`${hasty.url}/slow?ms=5000`, { headers: auth });
    expect(reply.status).toBe(504);
    expect(JSON.parse(reply.text)).toMatchObject({ error: "GATEWAY_TIMEOUT" });
    expect(reply.text).toContain("longer than 0.3 s");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await appOutcome()).toBe("aborted");
  });

  it("breaks the connection when the limit hits mid-stream", async () => {
    const started = Date.now();
    const res = await get(`${hasty.url}/drip`).response;
    expect(res.statusCode).toBe(200);
    expect(await ending(res)).toBe("broken");
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await appOutcome()).toBe("aborted");
  });
});

describe("slow request heads", () => {
  let strict: AppsProxy;
  beforeAll(async () => {
    strict = await startProxy({ appUrl: app.url, principals: () => principals, headersTimeoutMs: 500 });
  });
  afterAll(() => strict?.close());

  /** Opens a connection that sends a request head one header line every 100 ms, never finishing it. */
  function trickle(url: string): Promise<{ answer: string; ms: number }> {
    const { port } = new URL(url);
    const started = Date.now();
    return new Promise((resolve) => {
      const socket = net.connect(Number(port), "127.0.0.1");
      let answer = "";
      let line = 0;
      const timer = setInterval(() => socket.write(`X-Slow-${line++}: 1\r\n`), 100);
      socket.on("connect", () => socket.write("GET /echo HTTP/1.1\r\nHost: x\r\n"));
      socket.on("data", (chunk: Buffer) => {
        answer += chunk.toString("latin1");
      });
      socket.on("error", () => {});
      socket.on("close", () => {
        clearInterval(timer);
        resolve({ answer, ms: Date.now() - started });
      });
      // Still open well past the limit: the test fails on the answer below.
      setTimeout(() => socket.destroy(), 5_000).unref();
    });
  }

  it("cuts every connection whose head is still arriving after the limit, with 408", async () => {
    const before = app.seen.length;
    const results = await Promise.all(Array.from({ length: 50 }, () => trickle(strict.url)));
    for (const { answer, ms } of results) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(2_000);
    }
    expect(app.seen.length).toBe(before);
  });

  it("leaves a request whose head arrives in time alone", async () => {
    const reply = await send(`${strict.url}/echo`, { headers: auth });
    expect(reply.status).toBe(200);
  });
});

describe("Expect: 100-continue", () => {
  /**
   * A client that sends its body only after `100 Continue`, as curl and HTTP libraries do for
   * large uploads. Reports whether it was told to continue and what it finally got.
   */
  function expectingUpload(size: number) {
    return new Promise<{ continued: boolean; sent: number; status: number; text: string }>(
      (resolve, reject) => {
        const req = http.request(`${proxy.url}/limited`, {
          method: "POST",
          agent: false,
          headers: { ...auth, "content-length": size, expect: "100-continue" },
        });
        let continued = false;
        let sent = 0;
        req.on("continue", () => {
          continued = true;
          sent = size;
          req.end(Buffer.alloc(size, 7));
        });
        req.on("response", async (res) => {
          const chunks: Buffer[] = [];
          for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
          resolve({ continued, sent, status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
          req.destroy();
        });
        req.on("error", reject);
        req.flushHeaders();
      },
    );
  }

  it("the app's refusal reaches the client, which never sends the body", async () => {
    const result = await expectingUpload(10 * 1024 * 1024);
    expect(result).toEqual({ continued: false, sent: 0, status: 413, text: '{"error":"too large"}' });
    expect(app.seen.at(-1)?.headers.expect).toBe("100-continue");
  });

  it("the app's 100 Continue reaches the client, and the body the app", async () => {
    const result = await expectingUpload(1000);
    expect(result).toEqual({ continued: true, sent: 1000, status: 200, text: '{"bytes":1000}' });
  });
});
