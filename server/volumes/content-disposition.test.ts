import { once } from "node:events";
import http, { validateHeaderValue } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition.js";

interface Parsed {
  type: string;
  filename: string | undefined;
  filenameStar: string | undefined;
}

// A strict RFC 6266 reader: token type, then `;`-separated params whose values are tokens or
// quoted strings. It throws on anything else, so a malformed header fails the test.
function parse(header: string): Parsed {
  const match = /^(inline|attachment)/.exec(header);
  if (!match) throw new Error(`bad type in ${header}`);
  let rest = header.slice(match[0].length);
  const params = new Map<string, string>();
  const param = /^;\s*([A-Za-z*]+)=("(?:[^"\\]|\\.)*"|[^\s;"]+)\s*/;
  while (rest !== "") {
    const p = param.exec(rest);
    if (!p || p[1] === undefined || p[2] === undefined) throw new Error(`bad params in ${header}`);
    const key = p[1].toLowerCase();
    if (params.has(key)) throw new Error(`duplicate ${key} in ${header}`);
    params.set(key, p[2].startsWith('"') ? p[2].slice(1, -1).replace(/\\(.)/g, "$1") : p[2]);
    rest = rest.slice(p[0].length);
  }
  const star = params.get("filename*");
  let filenameStar: string | undefined;
  if (star !== undefined) {
    const ext = /^UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/.exec(star);
    if (!ext || ext[1] === undefined) throw new Error(`bad filename* in ${header}`);
    filenameStar = decodeURIComponent(ext[1]);
  }
  return { type: match[0], filename: params.get("filename"), filenameStar };
}

function check(name: string, type: "inline" | "attachment" = "attachment"): Parsed {
  const header = contentDisposition(type, name);
  expect(() => validateHeaderValue("content-disposition", header)).not.toThrow();
  expect(header).toMatch(/^[\x20-\x7e]+$/);
  const parsed = parse(header);
  expect(parsed.type).toBe(type);
  return parsed;
}

describe("contentDisposition", () => {
  it("keeps a plain ASCII name as a single quoted filename", () => {
    expect(contentDisposition("attachment", "report-2024.csv")).toBe(
      'attachment; filename="report-2024.csv"',
    );
    expect(contentDisposition("inline", "a b;c.txt")).toBe('inline; filename="a b;c.txt"');
  });

  it("round-trips non-Latin names, spaces, # and % through filename*", () => {
    const parsed = check("日本 #1 100%.txt");
    expect(parsed.filenameStar).toBe("日本 #1 100%.txt");
    expect(parsed.filename).toBe("__ #1 100%.txt");
  });

  it("replaces quotes and backslashes in the fallback and keeps them in filename*", () => {
    const parsed = check('a"b;c\\d.txt');
    expect(parsed.filename).toBe("a_b;c_d.txt");
    expect(parsed.filenameStar).toBe('a"b;c\\d.txt');
  });

  it("cannot be used to inject a header", () => {
    const parsed = check("x\r\nSet-Cookie: y");
    expect(parsed.filename).toBe("xSet-Cookie: y");
    expect(parsed.filenameStar).toBeUndefined();
    expect(check("a\u0000b\u0085c.txt").filename).toBe("abc.txt");
  });

  it("encodes the characters encodeURIComponent leaves but RFC 8187 forbids", () => {
    const header = contentDisposition("attachment", "it's (a) *star*.txt é");
    expect(header).toContain("filename*=UTF-8''it%27s%20%28a%29%20%2Astar%2A.txt%20%C3%A9");
    expect(check("it's (a) *star*.txt é").filenameStar).toBe("it's (a) *star*.txt é");
  });

  it("adds filename* when an ASCII name looks percent-encoded", () => {
    expect(check("100%41.txt").filenameStar).toBe("100%41.txt");
  });

  it("one character of any width becomes one underscore, and emoji survive in filename*", () => {
    const parsed = check("📊 data.csv", "inline");
    expect(parsed.filename).toBe("_ data.csv");
    expect(parsed.filenameStar).toBe("📊 data.csv");
  });

  it("strips bidi overrides that disguise the extension", () => {
    const parsed = check("invoice\u202efdp.exe");
    expect(parsed.filename).toBe("invoicefdp.exe");
    expect(parsed.filenameStar).toBeUndefined();
  });

  it("survives lone surrogates and names that are empty after cleaning", () => {
    expect(check("a\ud800b.txt").filenameStar).toBe("a\ufffdb.txt");
    expect(check("\r\n").filename).toBe("download");
    expect(check("").filename).toBe("download");
  });

  it("is accepted by a real Node HTTP server and arrives as exactly one header", async () => {
    const names = ["日本 #1 100%.txt", 'a"b;c.txt', "x\r\nSet-Cookie: y", "\ud83d"];
    const server = http.createServer((req, res) => {
      const index = Number(new URL(req.url ?? "/", "http://x").searchParams.get("i"));
      res.setHeader("content-disposition", contentDisposition("attachment", names[index] ?? ""));
      res.end("ok");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      for (let i = 0; i < names.length; i++) {
        const response = await fetch(`http://127.0.0.1:${port}/?i=${i}`);
        expect(response.status).toBe(200);
        expect(response.headers.get("set-cookie")).toBeNull();
        const header = response.headers.get("content-disposition");
        expect(header).not.toBeNull();
        parse(header ?? "");
        await response.text();
      }
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
