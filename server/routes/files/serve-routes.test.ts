// download, raw and zip through the local Apps proxy: headers a good static server sends,
// Range/304, file names of every kind, inline only for safe types, and client disconnects that
// reach the Files API.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/api/errors.js";
import { sleep } from "../../test-support/http.js";
import { jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

const q = encodeURIComponent;
const run = promisify(execFile);

/** The name a browser saves: filename* (RFC 8187) when present, else filename. */
function savedName(disposition: string | null): string | undefined {
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? "");
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="([^"]*)"/.exec(disposition ?? "")?.[1];
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe("serving files", () => {
  let stack: TestStack;
  let scratch: string;
  beforeAll(async () => {
    stack = await startTestStack();
    scratch = await mkdtemp(path.join(tmpdir(), "serve-test-"));
  });
  afterAll(async () => {
    await stack?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it("downloads with length, validators, ranges and an attachment disposition", async () => {
    const onDisk = await readFile(stack.onDisk("shared", "data/sales.csv"));
    // Last written a minute ago: its validator is settled, so revalidation can answer 304.
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(stack.onDisk("shared", "data/sales.csv"), minuteAgo, minuteAgo);
    const res = await stack.fetch("carol", "/api/files/shared/download?path=data/sales.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(onDisk.length));
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("last-modified")).toMatch(/GMT$/);
    expect(res.headers.get("etag")).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"$/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="sales.csv"');
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(onDisk)).toBe(true);

    const etag = res.headers.get("etag") as string;
    const cached = await stack.fetch("carol", "/api/files/shared/download?path=data/sales.csv", {
      headers: { "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");

    const part = await stack.fetch("carol", "/api/files/shared/download?path=data/sales.csv", {
      headers: { range: "bytes=10-19" },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${onDisk.length}`);
    expect(part.headers.get("etag")).toBe(etag);
    expect(Buffer.from(await part.arrayBuffer()).equals(onDisk.subarray(10, 20))).toBe(true);

    const tail = await stack.fetch("carol", "/api/files/shared/download?path=data/sales.csv", {
      headers: { range: "bytes=-5" },
    });
    expect(Buffer.from(await tail.arrayBuffer()).equals(onDisk.subarray(-5))).toBe(true);

    const beyond = await stack.fetch("carol", "/api/files/shared/download?path=data/sales.csv", {
      headers: { range: `bytes=${onDisk.length + 10}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${onDisk.length}`);
    expect((await jsonOf<ApiErrorBody>(beyond)).code).toBe("RANGE_NOT_SATISFIABLE");

    // If-Range with a stale validator: the whole (changed) file, not a splice of two versions.
    const stale = await stack.fetch("carol", "/api/files/shared/download?path=data/sales.csv", {
      headers: { range: "bytes=0-9", "if-range": '"0-0"' },
    });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it("downloads names with non-ASCII characters, quotes and semicolons", async () => {
    for (const name of ["日本 #1 100%.txt", 'quote "and" semi;colon.txt']) {
      const res = await stack.fetch("bob", `/api/files/shared/download?path=${q(name)}`);
      expect(res.status).toBe(200);
      const disposition = res.headers.get("content-disposition");
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
      expect(savedName(disposition)).toBe(name);
      expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(stack.onDisk("shared", name)))).toBe(
        true,
      );
    }
  });

  it("serves raw inline only for safe types, always sandboxed", async () => {
    const headersOf = async (p: string) => {
      const res = await stack.fetch("bob", `/api/files/shared/raw?path=${q(p)}`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      return res.headers;
    };
    const png = await headersOf("images/gradient.png");
    expect(png.get("content-type")).toBe("image/png");
    expect(png.get("content-disposition")).toMatch(/^inline;/);
    expect(png.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(png.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(png.get("x-content-type-options")).toBe("nosniff");
    expect((await headersOf("data/sales.csv")).get("content-disposition")).toMatch(/^inline;/);
    for (const risky of [
      "safety-checks/dashboard-with-script.html",
      "safety-checks/logo-with-script.svg",
      "images/logo.svg",
      "reports/2024/q1/revenue-summary.pdf",
      "code/report-client.ts",
    ]) {
      const headers = await headersOf(risky);
      if (risky.endsWith(".ts")) expect(headers.get("content-type")).toBe("text/plain; charset=utf-8");
      else expect(headers.get("content-disposition"), risky).toMatch(/^attachment;/);
    }
    // The uploader's claim is irrelevant: HTML bytes named .png are served as an image.
    await writeFile(stack.onDisk("shared", "images/trap.png"), "<html><script>alert(1)</script></html>");
    expect((await headersOf("images/trap.png")).get("content-type")).toBe("image/png");
  });

  it("cancels the upstream download when the client goes away", async () => {
    await writeFile(stack.onDisk("shared", "misc/huge.bin"), Buffer.alloc(64 * 1024 * 1024, 7));
    stack.emulator.stats.reset();
    const { base, headers } = stack.target("alice");
    await new Promise<void>((resolve, reject) => {
      import("node:http").then(({ default: http }) => {
        const req = http.get(
          `${base}/api/files/shared/download?path=misc/huge.bin`,
          { headers, agent: false },
          (res) => {
            res.once("data", () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on("error", () => {});
        setTimeout(() => reject(new Error("no data")), 5000);
      }, reject);
    });
    await waitFor(() => stack.emulator.stats.openRequests === 0);
    expect(stack.emulator.stats.bytesServed("/Volumes/main/demo/shared/misc/huge.bin")).toBeLessThan(
      32 * 1024 * 1024,
    );
  });

  it("HEAD sends the headers and stops the download", async () => {
    const res = await stack.fetch("bob", "/api/files/shared/download?path=data/sales.csv", {
      method: "HEAD",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe("43579");
    await waitFor(() => stack.emulator.stats.openRequests === 0);
  });

  it("zips files and folders, streamed, that unzip reads back intact", async () => {
    const res = await stack.fetch(
      "bob",
      `/api/files/shared/zip?path=data&path=${q("日本 #1 100%.txt")}&path=archive&path=${q("/reports/2024/q1/summary.md")}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-length")).toBeNull();
    expect(savedName(res.headers.get("content-disposition"))).toBe("shared.zip");
    const file = path.join(scratch, "a.zip");
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    await run("unzip", ["-tq", file]);
    const { stdout } = await run("unzip", ["-Z1", file]);
    const names = stdout.trim().split("\n");
    expect(names).toEqual(
      expect.arrayContaining([
        "data/",
        "data/sales.csv",
        "data/sales.parquet",
        "日本 #1 100%.txt",
        "archive/",
        "archive/empty/",
        "summary.md",
      ]),
    );
    const out = path.join(scratch, "out");
    await run("unzip", ["-q", file, "-d", out]);
    for (const [inZip, onDisk] of [
      ["data/sales.parquet", "data/sales.parquet"],
      ["日本 #1 100%.txt", "日本 #1 100%.txt"],
      ["summary.md", "reports/2024/q1/summary.md"],
    ] as const) {
      expect(
        (await readFile(path.join(out, inZip))).equals(await readFile(stack.onDisk("shared", onDisk))),
      ).toBe(true);
    }
  });

  it("names unreadable files in the zip instead of failing it, and sanitises the archive name", async () => {
    stack.emulator.faults.add({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/shared/data/targets.json",
      status: 403,
    });
    const res = await stack.fetch(
      "bob",
      `/api/files/shared/zip?path=data&name=${q('my "data"\r\nSet-Cookie: a=1')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(savedName(res.headers.get("content-disposition"))).toBe('my "data"Set-Cookie: a=1.zip');
    const file = path.join(scratch, "b.zip");
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const { stdout } = await run("unzip", ["-Z1", file]);
    expect(stdout).not.toContain("data/targets.json");
    const { stdout: errors } = await run("unzip", ["-p", file, "DOWNLOAD-ERRORS.txt"]);
    expect(errors).toMatch(/data\/targets\.json: PERMISSION_DENIED/);
  });

  it("refuses before streaming: 404 for a missing path, 400 for a bad one", async () => {
    expect((await stack.fetch("bob", "/api/files/shared/zip?path=nope")).status).toBe(404);
    expect((await stack.fetch("bob", `/api/files/shared/zip?path=${q("../inbox")}`)).status).toBe(400);
  });

  it("answers HEAD of a zip with the same checks and no archive: nothing is walked or read", async () => {
    stack.emulator.stats.reset();
    const ok = await stack.fetch("bob", "/api/files/shared/zip?path=many-files", { method: "HEAD" });
    expect(ok.status).toBe(200);
    expect(savedName(ok.headers.get("content-disposition"))).toBe("many-files.zip");
    expect(await ok.text()).toBe("");
    await sleep(200);
    expect(
      stack.emulator.stats.requestCount({
        method: "GET",
        pathPrefix: "/Volumes/main/demo/shared/many-files/",
      }),
    ).toBe(0);
    expect((await stack.fetch("bob", "/api/files/shared/zip?path=nope", { method: "HEAD" })).status).toBe(
      404,
    );
    const denied = await stack.fetch("carol", "/api/files/uploads/zip?path=drafts", { method: "HEAD" });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("content-disposition")).toBeNull();
  });

  it("stops walking and downloading when the zip's client goes away", async () => {
    const { base, headers } = stack.target("alice");
    stack.emulator.stats.reset();
    await new Promise<void>((resolve, reject) => {
      import("node:http").then(({ default: http }) => {
        const req = http.get(
          `${base}/api/files/shared/zip?path=many-files`,
          { headers, agent: false },
          (r) => {
            r.once("data", () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on("error", () => {});
        setTimeout(() => reject(new Error("no data")), 5000);
      }, reject);
    });
    await sleep(300);
    await waitFor(() => stack.emulator.stats.openRequests === 0);
    const downloads = stack.emulator.stats.requestCount({
      method: "GET",
      pathPrefix: "/Volumes/main/demo/shared/many-files/",
    });
    await sleep(300);
    expect(
      stack.emulator.stats.requestCount({
        method: "GET",
        pathPrefix: "/Volumes/main/demo/shared/many-files/",
      }),
    ).toBe(downloads);
    expect(downloads).toBeLessThan(4000);
  });
});
