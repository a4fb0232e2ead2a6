// The app over HTTP/2 cleartext with prior knowledge, as the Databricks Apps proxy may speak to it,
// and over HTTP/1.1 on the same port, as browsers, curl and the local proxy do. Requests go
// straight to the app without user headers, so they run as the service principal.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import http2 from "node:http2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER } from "../../shared/http-headers.js";
import { startTestStack, type TestStack } from "../test-support/stack.js";
import { type H2c, serveH2c } from "./h2c.js";

let stack: TestStack;
let h2c: H2c;
let session: http2.ClientHttp2Session;

beforeAll(async () => {
  // The inbox lets the service principal write here, so uploads need no user identity.
  stack = await startTestStack({ seed: false, env: { FILES_INBOX_POLICY: "allow-all" } });
  h2c = serveH2c(stack.app.server);
  session = http2.connect(stack.info.appUrl);
});
afterAll(async () => {
  session?.close();
  await stack?.close();
});

interface H2Reply {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: Buffer;
}

function h2request(headers: http2.OutgoingHttpHeaders, body?: Buffer | string): Promise<H2Reply> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    let responseHeaders: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on("response", (h) => {
      responseHeaders = h;
    });
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () =>
      resolve({
        status: Number(responseHeaders[":status"]),
        headers: responseHeaders,
        body: Buffer.concat(chunks),
      }),
    );
    stream.on("error", reject);
    if (body !== undefined) stream.end(body);
  });
}

const upload = (rel: string, body: Buffer | string, overwrite = false) =>
  h2request(
    {
      ":method": "POST",
      ":path": `/api/files/inbox/upload?path=${encodeURIComponent(rel)}&overwrite=${overwrite}`,
      "content-type": "application/octet-stream",
      "content-length": String(Buffer.byteLength(body)),
      [CSRF_HEADER.name]: CSRF_HEADER.value,
    },
    body,
  );

describe("HTTP/2 cleartext next to HTTP/1.1 on the app's port", () => {
  it("answers a listing over HTTP/2 and the same listing over HTTP/1.1", async () => {
    expect((await upload("h2c/hello.txt", "hello")).status).toBe(200);
    const h2 = await h2request({ ":method": "GET", ":path": "/api/files/inbox/list?path=h2c" });
    expect(h2.status).toBe(200);
    expect(session.alpnProtocol).toBe("h2c");
    const names = (JSON.parse(h2.body.toString()) as Array<{ name: string }>).map((e) => e.name);
    expect(names).toEqual(["hello.txt"]);

    const h1 = await fetch(`${stack.info.appUrl}/api/files/inbox/list?path=h2c`);
    expect(h1.status).toBe(200);
    expect(await h1.json()).toEqual(JSON.parse(h2.body.toString()));
    expect(h2c.sessionCount()).toBe(1);
  });

  it("lets a client send more than HTTP/2's default 64 KiB before acknowledging it", () => {
    expect(session.remoteSettings.initialWindowSize).toBe(1024 * 1024);
    expect(session.remoteSettings.maxConcurrentStreams).toBe(128);
    expect(session.state.remoteWindowSize).toBeGreaterThan(1024 * 1024);
  });

  it("streams an upload in and a download out over one HTTP/2 stream each", async () => {
    const body = randomBytes(3 * 1024 * 1024);
    expect((await upload("h2c/blob.bin", body)).status).toBe(200);
    expect((await readFile(stack.onDisk("inbox", "h2c/blob.bin"))).equals(body)).toBe(true);
    const down = await h2request({
      ":method": "GET",
      ":path": "/api/files/inbox/download?path=h2c%2Fblob.bin",
    });
    expect(down.status).toBe(200);
    expect(down.headers["content-disposition"]).toContain("attachment");
    expect(down.body.equals(body)).toBe(true);

    // HTTP/1.1 bodies still arrive whole and in order after the connection was sniffed.
    const h1 = await fetch(`${stack.info.appUrl}/api/files/inbox/upload?path=h2c%2Fblob1.bin`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", [CSRF_HEADER.name]: CSRF_HEADER.value },
      body,
    });
    expect(h1.status).toBe(200);
    expect((await readFile(stack.onDisk("inbox", "h2c/blob1.bin"))).equals(body)).toBe(true);
  });

  it("an early answer to an upload ends that stream only; the connection serves the next request", async () => {
    expect((await upload("h2c/once.txt", "first")).status).toBe(200);
    // 409 before the body is read: the app drops the rest of this stream, not the connection.
    const conflict = await upload("h2c/once.txt", randomBytes(1024 * 1024));
    expect(conflict.status).toBe(409);
    expect(JSON.parse(conflict.body.toString())).toMatchObject({ code: "ALREADY_EXISTS" });
    expect(await readFile(stack.onDisk("inbox", "h2c/once.txt"), "utf8")).toBe("first");
    const next = await h2request({ ":method": "GET", ":path": "/api/files/inbox/read?path=h2c%2Fonce.txt" });
    expect(next.body.toString()).toBe("first");
    expect(session.destroyed).toBe(false);
  });

  it("a cancelled download leaves the other streams of the connection running", async () => {
    await upload("h2c/big.bin", randomBytes(8 * 1024 * 1024), true);
    const big = session.request({
      ":method": "GET",
      ":path": "/api/files/inbox/download?path=h2c%2Fbig.bin",
    });
    await new Promise<void>((resolve) => big.once("data", () => resolve()));
    big.close(http2.constants.NGHTTP2_CANCEL);
    const list = await h2request({ ":method": "GET", ":path": "/api/files/inbox/list?path=h2c" });
    expect(list.status).toBe(200);
    expect(session.destroyed).toBe(false);
  });

  it("applies the same rules to both: the CSRF check refuses a write without its header", async () => {
    const h2 = await h2request(
      { ":method": "POST", ":path": "/api/files/inbox/upload?path=h2c%2Fx.txt", "content-length": "1" },
      "x",
    );
    const h1 = await fetch(`${stack.info.appUrl}/api/files/inbox/upload?path=h2c%2Fx.txt`, {
      method: "POST",
      body: "x",
    });
    expect(h2.status).toBe(h1.status);
    expect(h2.status).toBe(403);
  });

  // Last: it ends the shared session.
  it("closeSessions() sends GOAWAY: an open download finishes, then the connection closes", async () => {
    const body = randomBytes(4 * 1024 * 1024);
    await upload("h2c/last.bin", body, true);
    const stream = session.request({
      ":method": "GET",
      ":path": "/api/files/inbox/download?path=h2c%2Flast.bin",
    });
    const chunks: Buffer[] = [];
    const goaway = new Promise<void>((resolve) => session.once("goaway", () => resolve()));
    const ended = new Promise((resolve) => stream.once("end", resolve));
    await new Promise<void>((resolve) =>
      stream.on("data", (c: Buffer) => {
        chunks.push(c);
        resolve();
      }),
    );
    h2c.closeSessions();
    await goaway;
    await ended;
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
    await new Promise((resolve) => session.once("close", resolve));
    expect(h2c.sessionCount()).toBe(0);
  });
});
