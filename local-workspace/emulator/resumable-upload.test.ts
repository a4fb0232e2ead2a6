// Contract tests of the resumable upload protocol (GCP), in raw HTTP as databricks-sdk-py's
// FilesExt._perform_resumable_upload speaks it: initiate-upload, create-resumable-upload-url, PUT
// chunks with Content-Range, 308 + Range, status queries, 412, DELETE.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { STAGING_DIR_NAME } from "./index.js";
import { RESUMABLE_GRANULE } from "./resumable-upload.js";
import { filesUrl, type RawResponse, send } from "./test-support/http.js";
import { pattern, sendToUrl, uploadClient } from "./test-support/uploads.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

const KiB = 1024;
const G = RESUMABLE_GRANULE;
let ws: TestWorkspace;
let api: ReturnType<typeof uploadClient>;

beforeAll(async () => {
  ws = await startTestWorkspace({ cloud: "gcp", rateLimit: false });
  api = uploadClient(ws.emulator.url, ws.tokens.alice);
});
afterAll(() => ws.close());
afterEach(() => ws.emulator.faults.clear());

const uploadsDir = () => readdir(path.join(ws.dir, STAGING_DIR_NAME, "uploads")).catch(() => [] as string[]);

/** initiate-upload + create-resumable-upload-url; also finds the session's staging directory. */
async function startResumable(p: string, overwrite?: boolean) {
  const before = new Set(await uploadsDir());
  const init = await api.initiate(p, overwrite);
  expect(init.status).toBe(200);
  const token = (init.json() as { resumable_upload: { session_token: string } }).resumable_upload
    .session_token;
  const dir = (await uploadsDir()).find((d) => !before.has(d));
  const res = await api.resumableUrl(p, token);
  expect(res.status).toBe(200);
  const node = (res.json() as { resumable_upload_url: { url: string; headers: unknown[] } })
    .resumable_upload_url;
  expect(node.headers).toEqual([]);
  const put = (range: string | undefined, body: Buffer | string = "") =>
    sendToUrl(node.url, { method: "PUT", headers: range ? { "content-range": range } : {}, body });
  return {
    token,
    url: node.url,
    put,
    chunk: (data: Buffer, start: number, total?: number) =>
      put(`bytes ${start}-${start + data.length - 1}/${total ?? "*"}`, data),
    status: () => put("bytes */*"),
    staged: async () => dir !== undefined && (await uploadsDir()).includes(dir),
  };
}

const committedOf = (res: RawResponse) => {
  expect(res.status).toBe(308);
  const range = res.headers.range;
  if (range === undefined) return 0;
  const m = /^bytes=0-(\d+)$/.exec(range as string);
  expect(m).not.toBeNull();
  return Number(m?.[1]) + 1;
};

describe("resumable upload: happy path", () => {
  it("chunks answer 308 with the committed Range; the last one (with the total) answers 200", async () => {
    const p = `${MAIN_ROOT}/ru/file.bin`;
    const data = pattern(2 * G + 1000, 3);
    const up = await startResumable(p);
    expect(committedOf(await up.status())).toBe(0);
    expect((await up.status()).headers.range).toBeUndefined();
    expect(committedOf(await up.chunk(data.subarray(0, G), 0))).toBe(G);
    expect(committedOf(await up.chunk(data.subarray(G, 2 * G), G))).toBe(2 * G);
    expect(committedOf(await up.status())).toBe(2 * G);
    const last = await up.chunk(data.subarray(2 * G), 2 * G, data.length);
    expect(last.status).toBe(200);
    expect(last.json()).toMatchObject({ size: String(data.length) });
    expect((await api.download(p)).body.equals(data)).toBe(true);
    expect(await up.staged()).toBe(false);
    // The finished session still answers 200, so a client whose last answer was lost learns it is done.
    expect((await up.status()).status).toBe(200);
    expect(ws.emulator.stats.bytesReceived(p)).toBe(data.length);
  });

  it("a single request without Content-Range uploads the whole object", async () => {
    const p = `${MAIN_ROOT}/ru/whole.bin`;
    const data = pattern(1000, 4);
    const up = await startResumable(p);
    expect((await up.put(undefined, data)).status).toBe(200);
    expect((await api.download(p)).body.equals(data)).toBe(true);
  });

  it("bytes */T finalizes once every byte is there (and 308s while some are missing)", async () => {
    const p = `${MAIN_ROOT}/ru/finalize.bin`;
    const data = pattern(G + 10, 5);
    const up = await startResumable(p);
    // Sent without the total, the tail of the chunk beyond the last 256 KiB unit is not kept.
    expect(committedOf(await up.chunk(data, 0))).toBe(G);
    expect(committedOf(await up.put(`bytes */${data.length}`))).toBe(G);
    expect(committedOf(await up.chunk(data.subarray(G), G))).toBe(G);
    expect(committedOf(await up.chunk(data.subarray(G), G))).toBe(G); // still under one unit
    expect((await up.chunk(data.subarray(G), G, data.length)).status).toBe(200);
    expect((await api.download(p)).body.equals(data)).toBe(true);
  });

  it("an empty file: bytes */0", async () => {
    const p = `${MAIN_ROOT}/ru/empty.bin`;
    const up = await startResumable(p);
    expect((await up.put("bytes */0")).status).toBe(200);
    expect((await api.download(p)).body.length).toBe(0);
  });
});

describe("resumable upload: offsets", () => {
  it("commits non-final chunks in 256 KiB units; the client resends from the Range", async () => {
    const p = `${MAIN_ROOT}/ru/units.bin`;
    const data = pattern(3 * G, 6);
    const up = await startResumable(p);
    expect(committedOf(await up.chunk(data.subarray(0, G + 300 * KiB), 0))).toBe(2 * G);
    // Resending bytes already committed is fine: they are skipped.
    expect(committedOf(await up.chunk(data.subarray(G, 2 * G), G))).toBe(2 * G);
    expect((await up.chunk(data.subarray(2 * G), 2 * G, data.length)).status).toBe(200);
    expect((await api.download(p)).body.equals(data)).toBe(true);
  });

  it("refuses a chunk that starts after the committed offset, a wrong Content-Length and a changed total", async () => {
    const p = `${MAIN_ROOT}/ru/gaps.bin`;
    const up = await startResumable(p);
    const gap = await up.chunk(pattern(G), G);
    expect(gap.status).toBe(400);
    expect(gap.text).toContain("<Code>InvalidArgument</Code>");
    expect((await up.put("bytes 0-99/*", pattern(50))).status).toBe(400);
    expect((await up.put("bytes 0-99/50", pattern(100))).status).toBe(400);
    expect((await up.put("bytes=0-99/*", pattern(100))).status).toBe(400);
    expect(committedOf(await up.chunk(pattern(G), 0, 10 * G))).toBe(G);
    expect((await up.chunk(pattern(G), G, 11 * G)).status).toBe(400);
    expect(committedOf(await up.status())).toBe(G);
  });

  it("a chunk cut off mid-way keeps what arrived (in whole units); the upload continues from there", async () => {
    const p = `${MAIN_ROOT}/ru/reset.bin`;
    const data = pattern(4 * G, 7);
    const up = await startResumable(p);
    ws.emulator.stats.reset();
    ws.emulator.faults.add({ method: "PUT", pathPrefix: "/__storage/", resetAfterBytes: 2 * G + 1000 });
    await expect(up.chunk(data, 0, data.length)).rejects.toThrow();
    const committed = committedOf(await up.status());
    expect(committed).toBe(2 * G);
    expect(await api.download(p)).toMatchObject({ status: 404 });
    expect((await up.chunk(data.subarray(committed), committed, data.length)).status).toBe(200);
    expect((await api.download(p)).body.equals(data)).toBe(true);
    // Not restarted from zero: the bytes received are the cut chunk's plus the rest.
    expect(ws.emulator.stats.bytesReceived(p)).toBe(2 * G + 1000 + (data.length - committed));
  });

  it("chunks sent at the same time are applied one after another", async () => {
    const p = `${MAIN_ROOT}/ru/concurrent.bin`;
    const data = pattern(3 * G, 8);
    const up = await startResumable(p);
    const [a, b] = await Promise.all([
      up.chunk(data.subarray(0, G), 0),
      up.chunk(data.subarray(0, 2 * G), 0),
    ]);
    expect([committedOf(a), committedOf(b)].sort((x, y) => x - y)).toEqual([G, 2 * G]);
    expect((await up.chunk(data.subarray(2 * G), 2 * G, data.length)).status).toBe(200);
    expect((await api.download(p)).body.equals(data)).toBe(true);
  });
});

describe("resumable upload: conflicts, cancel and expiry", () => {
  it("overwrite=false: a file that appeared meanwhile makes the last chunk 412 and keeps its bytes", async () => {
    const p = `${MAIN_ROOT}/ru/conflict.txt`;
    const up = await startResumable(p, false);
    await send(ws.emulator.url, {
      method: "PUT",
      path: filesUrl(p),
      token: ws.tokens.alice,
      body: "old bytes",
    });
    const res = await up.chunk(pattern(100), 0, 100);
    expect(res.status).toBe(412);
    expect(res.text).toContain("<Code>PreconditionFailed</Code>");
    expect(res.text).toContain("At least one of the pre-conditions you specified did not hold.");
    expect((await api.download(p)).text).toBe("old bytes");
    expect(await up.staged()).toBe(false);
  });

  it("overwrite defaults to true", async () => {
    const p = `${MAIN_ROOT}/ru/replace.txt`;
    await send(ws.emulator.url, { method: "PUT", path: filesUrl(p), token: ws.tokens.alice, body: "old" });
    const up = await startResumable(p);
    expect((await up.chunk(Buffer.from("new bytes"), 0, 9)).status).toBe(200);
    expect((await api.download(p)).text).toBe("new bytes");
  });

  it("DELETE cancels with 499: staging gone, the URI answers 404 after", async () => {
    const p = `${MAIN_ROOT}/ru/cancel.bin`;
    const before = ws.emulator.uploads.counts();
    const up = await startResumable(p);
    expect(committedOf(await up.chunk(pattern(G), 0))).toBe(G);
    expect(await up.staged()).toBe(true);
    const res = await sendToUrl(up.url, { method: "DELETE" });
    expect(res.status).toBe(499);
    expect(await up.staged()).toBe(false);
    expect(ws.emulator.uploads.counts().aborted - before.aborted).toBe(1);
    const after = await up.status();
    expect(after.status).toBe(404);
    expect(after.text).toContain("<Code>NoSuchUpload</Code>");
    expect((await api.download(p)).status).toBe(404);
  });

  it("an expired session answers 404 and its data is gone", async () => {
    const p = `${MAIN_ROOT}/ru/expired.bin`;
    const up = await startResumable(p);
    expect(committedOf(await up.chunk(pattern(G), 0))).toBe(G);
    ws.emulator.uploads.setSessionTtlMs(1);
    try {
      await sleep(5);
      expect((await up.status()).status).toBe(404);
      expect(await up.staged()).toBe(false);
    } finally {
      ws.emulator.uploads.setSessionTtlMs(7 * 24 * 3600_000);
    }
  });

  it("the session URI is signed: altered, with a workspace token, or multipart calls are refused", async () => {
    const p = `${MAIN_ROOT}/ru/signed.bin`;
    const up = await startResumable(p);
    const altered = new URL(up.url);
    altered.searchParams.set("signature", "x".repeat(43));
    expect(
      (await sendToUrl(altered.toString(), { method: "PUT", headers: { "content-range": "bytes */*" } }))
        .status,
    ).toBe(404);
    const withToken = await sendToUrl(up.url, {
      method: "PUT",
      headers: { "content-range": "bytes */*", authorization: `Bearer ${ws.tokens.alice}` },
    });
    expect(withToken.status).toBe(400);
    expect((await api.partUrls(p, up.token, 1, 1)).status).toBe(400);
    expect((await api.resumableUrl(p, "nope")).status).toBe(404);
  });
});

describe("resumable upload: mode per workspace", () => {
  it("gcp offers resumable; the mode can be switched at run time to multipart and back", async () => {
    expect(ws.emulator.uploads.mode()).toBe("resumable");
    ws.emulator.uploads.set("multipart");
    try {
      const res = await api.initiate(`${MAIN_ROOT}/ru/switched.bin`);
      expect(Object.keys(res.json() as object)).toEqual(["multipart_upload"]);
    } finally {
      ws.emulator.uploads.set(undefined);
    }
    const res = await api.initiate(`${MAIN_ROOT}/ru/switched.bin`);
    expect(Object.keys(res.json() as object)).toEqual(["resumable_upload"]);
  });

  it("an aws workspace started with uploads: resumable offers resumable", async () => {
    const other = await startTestWorkspace({ uploads: "resumable" });
    try {
      const res = await uploadClient(other.emulator.url, other.tokens.alice).initiate(`${MAIN_ROOT}/x.bin`);
      expect(Object.keys(res.json() as object)).toEqual(["resumable_upload"]);
    } finally {
      await other.close();
    }
  });
});
