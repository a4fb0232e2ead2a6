// Contract tests of the multipart upload protocol (AWS/Azure), in raw HTTP as databricks-sdk-py's
// FilesExt speaks it: initiate-upload, create-upload-part-urls, PUT parts to presigned URLs,
// complete-upload, create-abort-upload-url + DELETE.
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { STAGING_DIR_NAME } from "./index.js";
import { filesUrl, reasonOf, send } from "./test-support/http.js";
import { generatedBody } from "./test-support/streaming.js";
import { type PartUrl, pattern, sendToUrl, uploadClient } from "./test-support/uploads.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

const MiB = 1024 * 1024;
let ws: TestWorkspace;
let api: ReturnType<typeof uploadClient>;

beforeAll(async () => {
  ws = await startTestWorkspace({ rateLimit: false });
  api = uploadClient(ws.emulator.url, ws.tokens.alice);
});
afterAll(() => ws.close());
afterEach(() => {
  ws.emulator.faults.clear();
  ws.emulator.uploads.set(undefined);
  ws.emulator.rateLimit.set(false);
});

const md5 = (b: Buffer) => `"${createHash("md5").update(b).digest("hex")}"`;
const uploadsDir = () => readdir(path.join(ws.dir, STAGING_DIR_NAME, "uploads")).catch(() => [] as string[]);

/** Starts a session; also finds its staging directory (the one that appeared). */
async function startSession(p: string, overwrite?: boolean) {
  const before = new Set(await uploadsDir());
  const token = await api.sessionToken(p, overwrite);
  const dir = (await uploadsDir()).find((d) => !before.has(d));
  if (!dir) throw new Error("no staging directory appeared");
  return { token, staged: async () => (await uploadsDir()).includes(dir) };
}

async function putPart(url: PartUrl, body: Buffer) {
  return sendToUrl(url.url, { method: "PUT", headers: url.headers, body });
}

describe("multipart upload: happy path", () => {
  it("initiate → part URLs → parts → complete writes the concatenated bytes", async () => {
    const p = `${MAIN_ROOT}/mp/two-parts.bin`;
    const before = await uploadsDir();
    const init = await api.initiate(p);
    expect(init.status).toBe(200);
    const token = (init.json() as { multipart_upload: { session_token: string } }).multipart_upload
      .session_token;
    expect(token).toMatch(/^[\w-]{20,}$/);

    const urlsRes = await api.partUrls(p, token, 1, 2);
    expect(urlsRes.status).toBe(200);
    const urls = (urlsRes.json() as { upload_part_urls: PartUrl[] }).upload_part_urls;
    expect(urls.map((u) => u.part_number)).toEqual([1, 2]);
    for (const u of urls) {
      expect(new URL(u.url).pathname).toMatch(/^\/__storage\//);
      expect(u.url).not.toContain(ws.tokens.alice);
      expect(u.headers).toEqual([{ name: "x-amz-server-side-encryption", value: "AES256" }]);
    }
    const one = pattern(5 * MiB, 1);
    const two = pattern(1234, 2);
    const r1 = await putPart(urls[0] as PartUrl, one);
    const r2 = await putPart(urls[1] as PartUrl, two);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(r1.headers.etag).toBe(md5(one));
    expect(r2.headers.etag).toBe(md5(two));

    const done = await api.complete(p, token, [
      { part_number: 1, etag: r1.headers.etag as string },
      { part_number: 2, etag: r2.headers.etag as string },
    ]);
    expect(done.status).toBe(200);
    const got = await api.download(p);
    expect(got.status).toBe(200);
    expect(got.body.equals(Buffer.concat([one, two]))).toBe(true);
    expect(await uploadsDir()).toEqual(before);
    expect(ws.emulator.stats.bytesReceived(p)).toBe(one.length + two.length);
  });
});

/** Starts a session and uploads parts of the given sizes; returns what complete-upload needs. */
async function uploadParts(p: string, sizes: number[], overwrite?: boolean) {
  const { token, staged } = await startSession(p, overwrite);
  const bodies = sizes.map((n, i) => pattern(n, i + 10));
  const parts = [];
  for (const [i, body] of bodies.entries()) {
    const res = await putPart(await api.partUrl(p, token, i + 1), body);
    expect(res.status).toBe(200);
    parts.push({ part_number: i + 1, etag: res.headers.etag as string });
  }
  return { token, parts, bytes: Buffer.concat(bodies), staged };
}

describe("multipart upload: parts", () => {
  it("uploads parts in parallel and out of order, and a part sent again replaces the first", async () => {
    const p = `${MAIN_ROOT}/mp/parallel.bin`;
    const token = await api.sessionToken(p);
    const urls = ((await api.partUrls(p, token, 1, 4)).json() as { upload_part_urls: PartUrl[] })
      .upload_part_urls;
    const bodies = [1, 2, 3, 4].map((n) => pattern(n === 4 ? 777 : 5 * MiB, n));
    const answers = await Promise.all(
      [3, 1, 0, 2].map((i) => putPart(urls[i] as PartUrl, bodies[i] as Buffer)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // Part 2 again, with other bytes: the new ETag wins, the old one no longer completes.
    const oldEtag = md5(bodies[1] as Buffer);
    bodies[1] = pattern(5 * MiB, 99);
    const again = await putPart(urls[1] as PartUrl, bodies[1]);
    expect(again.headers.etag).toBe(md5(bodies[1]));
    const etags = bodies.map((b, i) => ({ part_number: i + 1, etag: md5(b) }));
    const stale = await api.complete(
      p,
      token,
      etags.map((e) => (e.part_number === 2 ? { ...e, etag: oldEtag } : e)),
    );
    expect(stale.status).toBe(400);
    expect(stale.json()).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE" });
    expect((stale.json() as { message: string }).message).toMatch(/^InvalidPart/);
    // ETags are accepted with or without their quotes, as S3 does.
    const done = await api.complete(
      p,
      token,
      etags.map((e) => ({ ...e, etag: e.etag.replace(/"/g, "") })),
    );
    expect(done.status).toBe(200);
    expect((await api.download(p)).body.equals(Buffer.concat(bodies))).toBe(true);
  });

  it("streams a 64 MiB part to disk without holding it in memory", async () => {
    const p = `${MAIN_ROOT}/mp/big-part.bin`;
    const size = 64 * MiB;
    const token = await api.sessionToken(p);
    const url = await api.partUrl(p, token, 1);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const res = await sendToUrl(url.url, {
      method: "PUT",
      headers: {
        ...Object.fromEntries(url.headers.map((h) => [h.name, h.value])),
        "content-length": String(size),
      },
      body: generatedBody(size),
    });
    clearInterval(sampler);
    expect(res.status).toBe(200);
    // Client and emulator share this process: buffering the part would add ≥64 MiB.
    expect(peak - baseline).toBeLessThan(48 * MiB);
    expect(
      await api.complete(p, token, [{ part_number: 1, etag: res.headers.etag as string }]),
    ).toMatchObject({
      status: 200,
    });
    const head = await send(ws.emulator.url, { method: "HEAD", path: filesUrl(p), token: ws.tokens.alice });
    expect(head.headers["content-length"]).toBe(String(size));
  });

  it("a part needs Content-Length (411) and a part number from 1 to 10,000", async () => {
    const p = `${MAIN_ROOT}/mp/rules.bin`;
    const token = await api.sessionToken(p);
    const url = await api.partUrl(p, token, 1);
    const chunked = await sendToUrl(url.url, {
      method: "PUT",
      headers: {
        ...Object.fromEntries(url.headers.map((h) => [h.name, h.value])),
        "transfer-encoding": "chunked",
      },
      body: generatedBody(1000),
    });
    expect(chunked.status).toBe(411);
    expect(chunked.text).toContain("<Code>MissingContentLength</Code>");
    const tooFar = await api.partUrls(p, token, 10_000, 2);
    expect(tooFar.status).toBe(400);
    expect((await api.partUrls(p, token, 0, 1)).status).toBe(400);
    expect((await api.partUrls(p, token, 1, 0)).status).toBe(400);
    expect((await api.partUrls(p, token, 10_000, 1)).status).toBe(200);
  });
});

describe("multipart upload: presigned URLs", () => {
  it("an expired part URL answers 403 AccessDenied 'Request has expired'; a new one works", async () => {
    const p = `${MAIN_ROOT}/mp/expiry.bin`;
    const token = await api.sessionToken(p);
    const shortLived = await api.partUrl(p, token, 1, new Date(Date.now() + 1500).toISOString());
    await sleep(1600);
    const body = pattern(1000);
    const expired = await putPart(shortLived, body);
    expect(expired.status).toBe(403);
    expect(expired.text).toMatch(/^<\?xml/);
    expect(expired.text).toContain("<Code>AccessDenied</Code><Message>Request has expired</Message>");
    const renewed = await putPart(await api.partUrl(p, token, 1), body);
    expect(renewed.status).toBe(200);
    expect((await api.complete(p, token, [{ part_number: 1, etag: md5(body) }])).status).toBe(200);
  });

  it("expire_time must be RFC 3339, in the future and at most a week ahead", async () => {
    const p = `${MAIN_ROOT}/mp/expire-time.bin`;
    const token = await api.sessionToken(p);
    for (const bad of [
      "tomorrow",
      "2020-01-01T00:00:00Z",
      new Date(Date.now() + 8 * 24 * 3600_000).toISOString(),
    ]) {
      const res = await api.partUrls(p, token, 1, 1, bad);
      expect(res.status, bad).toBe(400);
      expect(res.json()).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE" });
    }
    const missing = await send(ws.emulator.url, {
      method: "POST",
      path: "/api/2.0/fs/create-upload-part-urls",
      token: ws.tokens.alice,
      body: JSON.stringify({ path: p, session_token: token, start_part_number: 1, count: 1 }),
    });
    expect(missing.status).toBe(400);
    const malformed = await send(ws.emulator.url, {
      method: "POST",
      path: "/api/2.0/fs/create-upload-part-urls",
      token: ws.tokens.alice,
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ error_code: "MALFORMED_REQUEST" });
  });

  it("refuses an altered signature, another method, a missing required header and a workspace token", async () => {
    const p = `${MAIN_ROOT}/mp/signature.bin`;
    const token = await api.sessionToken(p);
    const url = await api.partUrl(p, token, 1);
    const body = pattern(100);
    const tampered = new URL(url.url);
    tampered.pathname = tampered.pathname.replace(/\/1$/, "/2");
    const forged = await sendToUrl(tampered.toString(), { method: "PUT", headers: url.headers, body });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain("<Code>SignatureDoesNotMatch</Code>");
    const later = new URL(url.url);
    later.searchParams.set("expires", String(Number(later.searchParams.get("expires")) + 3600));
    expect((await sendToUrl(later.toString(), { method: "PUT", headers: url.headers, body })).status).toBe(
      403,
    );
    expect((await sendToUrl(url.url, { method: "PUT", body })).status).toBe(403);
    expect((await sendToUrl(url.url, { method: "DELETE", headers: url.headers })).status).toBe(405);
    const withToken = await sendToUrl(url.url, {
      method: "PUT",
      headers: {
        ...Object.fromEntries(url.headers.map((h) => [h.name, h.value])),
        authorization: `Bearer ${ws.tokens.alice}`,
      },
      body,
    });
    expect(withToken.status).toBe(400);
    expect(withToken.text).toContain("<Code>InvalidArgument</Code>");
    expect((await putPart(url, body)).status).toBe(200);
  });

  it("a refused part with Expect: 100-continue costs no body bytes", async () => {
    const p = `${MAIN_ROOT}/mp/continue.bin`;
    const token = await api.sessionToken(p);
    const url = new URL((await api.partUrl(p, token, 1)).url);
    const received = ws.emulator.stats.bytesReceived(p);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: "PUT",
      path: `${url.pathname}${url.search}`,
      agent: false,
      headers: { expect: "100-continue", "content-length": String(MiB) },
    });
    const response = new Promise<number>((resolve, reject) => {
      req.on("response", (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on("error", reject);
    });
    let continued = false;
    req.on("continue", () => {
      continued = true;
    });
    req.flushHeaders();
    expect(await response).toBe(403); // the required header is missing
    req.destroy();
    expect(continued).toBe(false);
    expect(ws.emulator.stats.bytesReceived(p)).toBe(received);
  });
});

describe("multipart upload: complete-upload", () => {
  it("checks order, ETags, the 5 MiB minimum of all parts but the last, and an empty list", async () => {
    const p = `${MAIN_ROOT}/mp/complete-rules.bin`;
    const { token, parts, staged } = await uploadParts(p, [5 * MiB, 100, 200]);
    const message = async (list: typeof parts) => {
      const res = await api.complete(p, token, list);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE" });
      return (res.json() as { message: string }).message;
    };
    const [a, b, c] = parts as [(typeof parts)[0], (typeof parts)[0], (typeof parts)[0]];
    expect(await message([b, a, c])).toMatch(/^InvalidPartOrder/);
    expect(await message([a, a])).toMatch(/^InvalidPartOrder/);
    expect(await message([a, { ...b, etag: '"0123"' }])).toMatch(/^InvalidPart:/);
    expect(await message([a, { part_number: 7, etag: a.etag }])).toMatch(/^InvalidPart:/);
    expect(await message([a, b, c])).toMatch(/^EntityTooSmall/);
    expect(await message([])).toMatch(/parts/);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ part_number: i + 1, etag: "x" }));
    expect(await message(tooMany)).toMatch(/at most 10000/);
    // Parts left out of the list are dropped, as on S3: 1 + 2 is a valid object.
    expect((await api.complete(p, token, [a, b])).status).toBe(200);
    expect((await api.download(p)).body.length).toBe(5 * MiB + 100);
    expect(await staged()).toBe(false);
  });

  it("overwrite=false: a file that appeared meanwhile is 409 at complete and keeps its bytes", async () => {
    const p = `${MAIN_ROOT}/mp/conflict.txt`;
    const { token, parts } = await uploadParts(p, [10], false);
    await send(ws.emulator.url, {
      method: "PUT",
      path: filesUrl(p),
      token: ws.tokens.alice,
      body: "old bytes",
    });
    const res = await api.complete(p, token, parts);
    expect(res.status).toBe(409);
    expect(res.json()).toMatchObject({ error_code: "ALREADY_EXISTS" });
    expect(reasonOf(res)).toBe("FILES_API_FILE_ALREADY_EXISTS");
    expect((await api.download(p)).text).toBe("old bytes");
    // The session stays open for the client to abort.
    const abort = (await api.abortUrl(p, token)).json() as { abort_upload_url: { url: string; headers: [] } };
    expect(
      (
        await sendToUrl(abort.abort_upload_url.url, {
          method: "DELETE",
          headers: abort.abort_upload_url.headers,
        })
      ).status,
    ).toBe(204);
  });

  it("overwrite defaults to true and replaces an existing file", async () => {
    const p = `${MAIN_ROOT}/mp/replace.txt`;
    await send(ws.emulator.url, { method: "PUT", path: filesUrl(p), token: ws.tokens.alice, body: "old" });
    const { token, parts, bytes } = await uploadParts(p, [10]);
    expect((await api.complete(p, token, parts)).status).toBe(200);
    expect((await api.download(p)).body.equals(bytes)).toBe(true);
  });

  it("a directory at the path is 409 FILES_API_DIRECTORY_ALREADY_EXISTS", async () => {
    const p = `${MAIN_ROOT}/mp/a-dir`;
    await send(ws.emulator.url, {
      method: "PUT",
      path: `/api/2.0/fs/directories${p}`,
      token: ws.tokens.alice,
    });
    const { token, parts } = await uploadParts(p, [10]);
    const res = await api.complete(p, token, parts);
    expect(res.status).toBe(409);
    expect(reasonOf(res)).toBe("FILES_API_DIRECTORY_ALREADY_EXISTS");
  });
});

describe("multipart upload: abort and expiry", () => {
  it("DELETE on the abort URL ends the session: staging gone, parts and complete refused", async () => {
    const p = `${MAIN_ROOT}/mp/aborted.bin`;
    const before = ws.emulator.uploads.counts();
    const { token, parts, staged } = await uploadParts(p, [5 * MiB, 10]);
    expect(await staged()).toBe(true);
    const res = await api.abortUrl(p, token);
    expect(res.status).toBe(200);
    const abort = (
      res.json() as { abort_upload_url: { url: string; headers: Array<{ name: string; value: string }> } }
    ).abort_upload_url;
    expect(abort.headers).toEqual([{ name: "x-amz-server-side-encryption", value: "AES256" }]);
    expect((await sendToUrl(abort.url, { method: "DELETE", headers: abort.headers })).status).toBe(204);
    expect(await staged()).toBe(false);
    const after = ws.emulator.uploads.counts();
    expect(after.aborted - before.aborted).toBe(1);
    expect(after.open).toBe(before.open);
    const again = await sendToUrl(abort.url, { method: "DELETE", headers: abort.headers });
    expect(again.status).toBe(404);
    expect(again.text).toContain("<Code>NoSuchUpload</Code>");
    const complete = await api.complete(p, token, parts);
    expect(complete.status).toBe(404);
    expect((await api.partUrls(p, token, 1, 1)).status).toBe(404);
    expect((await api.download(p)).status).toBe(404);
  });

  it("a part still streaming when the session is aborted is refused with NoSuchUpload", async () => {
    const p = `${MAIN_ROOT}/mp/abort-mid-part.bin`;
    const { token, staged } = await startSession(p);
    const url = new URL((await api.partUrl(p, token, 1)).url);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: "PUT",
      path: `${url.pathname}${url.search}`,
      agent: false,
      headers: { "x-amz-server-side-encryption": "AES256", "content-length": String(MiB) },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on("response", (r) => {
        let body = "";
        r.on("data", (c: Buffer) => {
          body += c.toString();
        });
        r.on("end", () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on("error", reject);
    });
    const received = ws.emulator.stats.bytesReceived(p);
    req.write(Buffer.alloc(64 * 1024));
    while (ws.emulator.stats.bytesReceived(p) === received) await sleep(5);
    const abort = (await api.abortUrl(p, token)).json() as { abort_upload_url: { url: string; headers: [] } };
    const aborted = await sendToUrl(abort.abort_upload_url.url, {
      method: "DELETE",
      headers: abort.abort_upload_url.headers,
    });
    expect(aborted.status).toBe(204);
    req.end(Buffer.alloc(MiB - 64 * 1024));
    const res = await response;
    expect(res.status).toBe(404);
    expect(res.body).toContain("<Code>NoSuchUpload</Code>");
    expect(await staged()).toBe(false);
  });

  it("a session past its lifetime is gone, with its staged parts", async () => {
    const p = `${MAIN_ROOT}/mp/expired.bin`;
    const { token, parts, staged } = await uploadParts(p, [10]);
    const url = await api.partUrl(p, token, 2);
    const before = ws.emulator.uploads.counts();
    ws.emulator.uploads.setSessionTtlMs(1);
    try {
      const res = await api.complete(p, token, parts);
      expect(res.status).toBe(404);
      expect(res.json()).toMatchObject({ error_code: "NOT_FOUND" });
      expect((await putPart(url, pattern(10))).status).toBe(404);
      expect(await staged()).toBe(false);
      expect(ws.emulator.uploads.counts().expired - before.expired).toBe(1);
    } finally {
      ws.emulator.uploads.setSessionTtlMs(7 * 24 * 3600_000);
    }
  });
});

describe("multipart upload: sessions, identity and settings", () => {
  it("a session belongs to its path and to the principal that started it", async () => {
    const p = `${MAIN_ROOT}/mp/owned.bin`;
    const token = await api.sessionToken(p);
    expect((await api.partUrls(`${MAIN_ROOT}/mp/other.bin`, token, 1, 1)).status).toBe(400);
    const sp = uploadClient(ws.emulator.url, ws.tokens.sp);
    const stolen = await sp.partUrls(p, token, 1, 1);
    expect(stolen.status).toBe(403);
    expect(stolen.json()).toMatchObject({ error_code: "PERMISSION_DENIED" });
    expect((await api.partUrls(p, "not-a-session", 1, 1)).status).toBe(404);
    // bob may read the volume but not write it.
    const bob = uploadClient(ws.emulator.url, ws.tokens.bob);
    expect((await bob.initiate(`${MAIN_ROOT}/mp/bob.bin`)).status).toBe(403);
    expect(
      (await send(ws.emulator.url, { method: "POST", path: `${filesUrl(p)}?action=initiate-upload` })).status,
    ).toBe(401);
  });

  it("mode none answers initiate-upload 403 FILES_API_API_IS_NOT_ENABLED; open sessions continue", async () => {
    const p = `${MAIN_ROOT}/mp/none.bin`;
    const { token, parts } = await uploadParts(p, [10]);
    const hook = await send(ws.emulator.url, {
      method: "PUT",
      path: "/__emulator/uploads",
      body: JSON.stringify({ mode: "none" }),
    });
    expect(hook.json()).toMatchObject({ mode: "none" });
    const res = await api.initiate(`${MAIN_ROOT}/mp/none-2.bin`);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error_code: "PERMISSION_DENIED" });
    expect(reasonOf(res)).toBe("FILES_API_API_IS_NOT_ENABLED");
    expect((await api.complete(p, token, parts)).status).toBe(200);
    await send(ws.emulator.url, {
      method: "PUT",
      path: "/__emulator/uploads",
      body: JSON.stringify({ mode: null }),
    });
    expect(ws.emulator.uploads.mode()).toBe("multipart");
  });

  it("initiate-upload validates the path and overwrite", async () => {
    expect((await api.initiate(`${MAIN_ROOT}`)).status).toBe(409);
    const bad = await send(ws.emulator.url, {
      method: "POST",
      path: `${filesUrl(`${MAIN_ROOT}/x.bin`)}?action=initiate-upload&overwrite=maybe`,
      token: ws.tokens.alice,
    });
    expect(bad.status).toBe(400);
    const unknown = await send(ws.emulator.url, {
      method: "POST",
      path: `${filesUrl(`${MAIN_ROOT}/x.bin`)}?action=explode`,
      token: ws.tokens.alice,
    });
    expect(unknown.status).toBe(400);
    const noVolume = await api.initiate("/Volumes/main/default/nope/x.bin");
    expect(noVolume.status).toBe(404);
  });

  it("the rate limit counts the workspace API calls, not the storage PUTs", async () => {
    const p = `${MAIN_ROOT}/mp/rate.bin`;
    const token = await api.sessionToken(p);
    const url = await api.partUrl(p, token, 1);
    ws.emulator.rateLimit.set({ concurrent: 10, perSecond: 1 });
    expect((await api.partUrls(p, token, 2, 1)).status).toBe(200); // the one call the bucket holds
    expect((await api.partUrls(p, token, 2, 1)).status).toBe(429);
    const parts = await Promise.all([1, 2, 3].map(() => putPart(url, pattern(10))));
    expect(parts.map((r) => r.status)).toEqual([200, 200, 200]);
  });
});

describe("multipart upload: faults and stats", () => {
  it("resetAfterBytes cuts a part PUT: nothing stored, bytes counted; the retry succeeds", async () => {
    const p = `${MAIN_ROOT}/mp/reset.bin`;
    const token = await api.sessionToken(p);
    const url = await api.partUrl(p, token, 1);
    ws.emulator.stats.reset();
    ws.emulator.faults.add({ method: "PUT", pathPrefix: "/__storage/", resetAfterBytes: 256 * 1024 });
    const body = pattern(MiB);
    await expect(putPart(url, body)).rejects.toThrow();
    const afterCut = ws.emulator.stats.bytesReceived(p);
    expect(afterCut).toBeGreaterThanOrEqual(256 * 1024);
    expect(afterCut).toBeLessThan(MiB);
    expect((await api.complete(p, token, [{ part_number: 1, etag: md5(body) }])).status).toBe(400);
    expect((await putPart(url, body)).status).toBe(200);
    expect(ws.emulator.stats.bytesReceived(p)).toBe(afterCut + MiB);
    expect(ws.emulator.stats.requestCount({ method: "PUT", pathPrefix: "/__storage/" })).toBe(2);
    expect(ws.emulator.stats.requestCount({ method: "PUT", pathPrefix: p })).toBe(2);
    expect((await api.complete(p, token, [{ part_number: 1, etag: md5(body) }])).status).toBe(200);
  });

  it("an injected status on a storage path answers an XML error; /Volumes prefixes match uploads too", async () => {
    const p = `${MAIN_ROOT}/mp/fault-status.bin`;
    const token = await api.sessionToken(p);
    const url = await api.partUrl(p, token, 1);
    ws.emulator.faults.add({ method: "PUT", pathPrefix: p, status: 503 });
    const res = await putPart(url, pattern(10));
    expect(res.status).toBe(503);
    expect(res.text).toContain("<Code>SlowDown</Code>");
    expect((await putPart(url, pattern(10))).status).toBe(200);
  });

  it("the stats hook reports upload sessions", async () => {
    const res = await send(ws.emulator.url, { path: "/__emulator/stats" });
    const counts = (res.json() as { uploads: Record<string, number> }).uploads;
    expect(Object.keys(counts).sort()).toEqual(["aborted", "completed", "expired", "initiated", "open"]);
    expect(counts.completed).toBeGreaterThan(0);
  });
});

describe("multipart upload on azure", () => {
  it("requires x-ms-blob-type and answers an expired URL with AuthenticationFailed", async () => {
    const az = await startTestWorkspace({ cloud: "azure", rateLimit: false });
    try {
      const client = uploadClient(az.emulator.url, az.tokens.alice);
      const p = `${MAIN_ROOT}/az.bin`;
      const token = await client.sessionToken(p);
      const url = await client.partUrl(p, token, 1, new Date(Date.now() + 1500).toISOString());
      expect(url.headers).toEqual([{ name: "x-ms-blob-type", value: "BlockBlob" }]);
      expect((await sendToUrl(url.url, { method: "PUT", body: "x" })).text).toContain(
        "<Code>AuthenticationFailed</Code>",
      );
      await sleep(1600);
      const expired = await sendToUrl(url.url, { method: "PUT", headers: url.headers, body: "x" });
      expect(expired.status).toBe(403);
      expect(expired.text).toContain("<Code>AuthenticationFailed</Code>");
      expect(expired.text).toContain("Signature not valid in the specified time frame");
    } finally {
      await az.close();
    }
  });
});
