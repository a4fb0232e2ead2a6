// The ZIP writer checked by Info-ZIP's unzip (CRCs, sizes, names, ZIP64 records).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ZipEntry, zipStream } from "./zip-writer.js";

const run = promisify(execFile);

async function collect(entries: ZipEntry[], options: Parameters<typeof zipStream>[1] = {}): Promise<Buffer> {
  async function* source() {
    yield* entries;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of zipStream(source(), options)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function chunked(data: Buffer, size: number): () => Promise<AsyncIterable<Uint8Array>> {
  return async () =>
    (async function* () {
      for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
    })();
}

describe("zipStream", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "zip-writer-test-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const binary = randomBytes(300_000);
  const entries = (): ZipEntry[] => [
    {
      name: "hello.txt",
      isDirectory: false,
      lastModified: Date.UTC(2024, 4, 17, 10, 30, 20),
      open: async () => [Buffer.from("hello\n")],
    },
    { name: "folder", isDirectory: true },
    { name: "folder/empty", isDirectory: true },
    { name: "folder/data.bin", isDirectory: false, size: binary.length, open: chunked(binary, 7_000) },
    { name: "ünï/日本 #1 100%.txt", isDirectory: false, open: async () => [Buffer.from("ünï")] },
    { name: "empty.txt", isDirectory: false, open: async () => [] },
    {
      name: "broken.txt",
      isDirectory: false,
      open: async () => {
        throw new Error("403");
      },
    },
  ];

  for (const forceZip64 of [false, true]) {
    it(`writes an archive unzip verifies${forceZip64 ? " (ZIP64 records)" : ""}`, async () => {
      const skipped: string[] = [];
      const zip = await collect(entries(), { forceZip64, onSkip: (e) => skipped.push(e.name) });
      expect(skipped).toEqual(["broken.txt"]);
      const hasZip64End = zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]));
      expect(hasZip64End).toBe(forceZip64);
      const file = path.join(dir, `t${forceZip64}.zip`);
      await writeFile(file, zip);
      await run("unzip", ["-tq", file]);
      const { stdout } = await run("unzip", ["-Z1", file]);
      expect(stdout.trim().split("\n")).toEqual([
        "hello.txt",
        "folder/",
        "folder/empty/",
        "folder/data.bin",
        "ünï/日本 #1 100%.txt",
        "empty.txt",
      ]);
      const out = path.join(dir, `out${forceZip64}`);
      await run("unzip", ["-q", file, "-d", out]);
      expect((await readFile(path.join(out, "folder/data.bin"))).equals(binary)).toBe(true);
      expect(await readFile(path.join(out, "ünï/日本 #1 100%.txt"), "utf8")).toBe("ünï");
      const { stdout: listing } = await run("unzip", ["-l", file]);
      expect(listing).toMatch(/2024-05-17 10:30\s+hello\.txt/);
    });
  }

  it("stops pulling entries and bytes when the consumer stops", async () => {
    let opened = 0;
    let chunksRead = 0;
    async function* many(): AsyncGenerator<ZipEntry> {
      for (let i = 0; i < 1000; i++) {
        yield {
          name: `f${i}`,
          isDirectory: false,
          open: async () => {
            opened++;
            return (async function* () {
              for (let c = 0; c < 100; c++) {
                chunksRead++;
                yield Buffer.alloc(1024);
              }
            })();
          },
        };
      }
    }
    const archive = zipStream(many());
    for (let i = 0; i < 10; i++) await archive.next();
    await archive.return(undefined);
    expect(opened).toBe(1);
    expect(chunksRead).toBeLessThan(12);
  });
});
