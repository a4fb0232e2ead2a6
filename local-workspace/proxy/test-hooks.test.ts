// The proxy's test knobs (/.proxy/test/*): a throttle on request bodies and a time limit, both
// changeable while it runs, so a spec can make a single-request upload outlast the limit while
// each chunk fits; and nothing of it exists without test hooks.
import http, { type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrincipals } from "../principals.js";
import { type AppsProxy, startProxy } from "./index.js";
import { basic, send } from "./test-support/client.js";
import { type EchoApp, startEchoApp } from "./test-support/echo-app.js";

const principals = createPrincipals();
let app: EchoApp;
let proxy: AppsProxy;
let plain: AppsProxy;
let restarts = 0;

beforeAll(async () => {
  app = await startEchoApp();
  proxy = await startProxy({
    appUrl: app.url,
    principals: () => principals,
    testHooks: {
      restartApps: async () => {
        restarts += 1;
      },
    },
  });
  plain = await startProxy({ appUrl: app.url, principals: () => principals });
});
afterAll(async () => {
  await proxy?.close();
  await plain?.close();
  await app?.close();
});

const json = { "content-type": "application/json" };
const setLimits = (body: unknown) =>
  send(`${proxy.url}/.proxy/test/limits`, { method: "PUT", headers: json, body: JSON.stringify(body) });

/** Uploads `size` bytes to the echo app through the proxy; the status and how long it took. */
function upload(size: number): Promise<{ status: number; ms: number; text: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${proxy.url}/upload`, {
      method: "PUT",
      agent: false,
      headers: { authorization: basic("alice"), "content-length": size },
    });
    req.on("response", (res: IncomingMessage) => {
      let text = "";
      res.on("data", (c: Buffer) => {
        text += c.toString("utf8");
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, text }));
    });
    // The proxy may answer its 504 and close before the whole body went out.
    req.on("error", (err) => reject(err));
    req.end(Buffer.alloc(size, 7));
  });
}

describe("proxy test hooks", () => {
  it("reports and changes the limits at runtime, and restores them", async () => {
    const before = await send(`${proxy.url}/.proxy/test/limits`);
    expect(JSON.parse(before.text)).toEqual({ timeoutS: 120, throttleKiBps: 0 });
    const set = await setLimits({ timeoutS: 3, throttleKiBps: 2048 });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.text)).toEqual({ timeoutS: 3, throttleKiBps: 2048 });
    await setLimits({ timeoutS: 120, throttleKiBps: 0 });
    expect(JSON.parse((await send(`${proxy.url}/.proxy/test/limits`)).text)).toEqual({
      timeoutS: 120,
      throttleKiBps: 0,
    });
  });

  it("refuses malformed limits with 400 and keeps the old ones", async () => {
    for (const bad of [{ timeoutS: 0 }, { throttleKiBps: -1 }, { timeoutS: "3" }, null]) {
      expect((await setLimits(bad)).status).toBe(400);
    }
    const bad = await send(`${proxy.url}/.proxy/test/limits`, { method: "PUT", body: "{" });
    expect(bad.status).toBe(400);
    expect(JSON.parse((await send(`${proxy.url}/.proxy/test/limits`)).text).timeoutS).toBe(120);
  });

  it("throttles request bodies: 256 KiB at 512 KiB/s takes about half a second, bytes intact", async () => {
    await setLimits({ throttleKiBps: 512 });
    try {
      const { status, ms, text } = await upload(256 * 1024);
      expect(status).toBe(200);
      expect(JSON.parse(text).bytes).toBe(256 * 1024);
      expect(ms).toBeGreaterThanOrEqual(400);
      expect(ms).toBeLessThan(3000);
    } finally {
      await setLimits({ throttleKiBps: 0 });
    }
    // Without the throttle the same body goes at once.
    expect((await upload(256 * 1024)).ms).toBeLessThan(400);
  });

  it("cuts a throttled body that outlasts a lowered time limit, while a smaller one fits", async () => {
    await setLimits({ timeoutS: 0.5, throttleKiBps: 256 });
    try {
      expect((await upload(64 * 1024)).status).toBe(200);
      const cut = await upload(512 * 1024).catch((err: NodeJS.ErrnoException) => ({
        status: 0,
        ms: 0,
        text: err.code ?? "",
      }));
      // The proxy answers 504 (or the socket breaks while the body still goes out).
      expect([504, 0]).toContain(cut.status);
      if (cut.status === 504) expect(JSON.parse(cut.text).error).toBe("GATEWAY_TIMEOUT");
      expect(app.uploadReceived).toBeLessThan(512 * 1024);
    } finally {
      await setLimits({ timeoutS: 120, throttleKiBps: 0 });
    }
  });

  it("restarts the app through POST /.proxy/test/restart-apps", async () => {
    const res = await send(`${proxy.url}/.proxy/test/restart-apps`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(restarts).toBe(1);
    expect((await send(`${proxy.url}/.proxy/test/restart-apps`)).status).toBe(404);
  });

  it("has no test hooks without the option: 404 like any unknown /.proxy/ path", async () => {
    expect((await send(`${plain.url}/.proxy/test/limits`)).status).toBe(404);
    const restart = await send(`${plain.url}/.proxy/test/restart-apps`, { method: "POST" });
    expect(restart.status).toBe(404);
  });
});
