// Contract tests of the multipart upload protocol (AWS/Azure), in raw HTTP as databricks-sdk-py's
// FilesExt speaks it: initiate-upload, create-upload-part-urls, PUT parts to presigned URLs,
// complete-upload, create-abort-upload-url + DELETE.
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAGING_DIR_NAME } from "./index.js";
import { reasonOf } from "./test-support/http.js";
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

const md5 = (b: Buffer) => `"${createHash("md5").update(b).digest("hex")}"`;
const uploadsDir = () => readdir(path.join(ws.dir, STAGING_DIR_NAME, "uploads")).catch(() => []);

async function putPart(url: PartUrl, body: Buffer) {
  return sendToUrl(url.url, { method: "PUT", headers: url.headers, body });
}

describe("multipart upload: happy path", () => {
  it("initiate → part URLs → parts → complete writes the concatenated bytes", async () => {
    const p = `${MAIN_ROOT}/mp/two-parts.bin`;
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
    expect(await uploadsDir()).toEqual([]);
    expect(ws.emulator.stats.bytesReceived(p)).toBe(one.length + two.length);
  });
});
