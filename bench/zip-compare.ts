// One-off comparison behind docs/decisions.md: the app's streaming zip writer
// (server/volumes/zip/zip-writer.ts) against maintained libraries (yazl, archiver) on a 5 GiB
// folder (5 files × 1 GiB, stored, so ZIP64 is needed), each in its own process: wall time,
// CPU, peak RSS, and whether `unzip -t` accepts the archive. The libraries are not dependencies
// of the project; to run it again:
//   npm i --no-save yazl archiver && node --import tsx bench/zip-compare.ts [GiB per file] [files]
// ZIP_COMPARE_SINK=null discards the archive instead of writing it: the writers' own cost.
import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { zipStream } from "../server/volumes/zip/zip-writer.js";

const WRITERS = ["ours", "yazl", "archiver"] as const;
type Writer = (typeof WRITERS)[number];
const MiB = 1024 * 1024;

/** `size` bytes from a fixed random MiB, in 64 KiB pieces (what a download body hands over). */
async function* source(size: number, seed: Buffer): AsyncGenerator<Buffer> {
  for (let sent = 0; sent < size; ) {
    const n = Math.min(64 * 1024, size - sent);
    const at = sent % MiB;
    yield seed.subarray(at, Math.min(at + n, MiB));
    sent += Math.min(n, MiB - at);
  }
}

/** Where the archive goes: a file (then `unzip -t` checks it), or nowhere (the writer's own cost). */
function sink(out: string): Writable {
  if (out !== "null") return createWriteStream(out);
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

async function write(writer: Writer, out: string, files: number, size: number): Promise<void> {
  const seed = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i++) seed[i] = (i * 2654435761) >>> 24;
  const names = Array.from({ length: files }, (_, i) => `folder/part-${i}.bin`);
  if (writer === "ours") {
    const entries = names.map((name) => ({
      name,
      isDirectory: false,
      size,
      open: async () => source(size, seed),
    }));
    async function* listed() {
      yield* entries;
    }
    await pipeline(Readable.from(zipStream(listed())), sink(out));
    return;
  }
  const require = createRequire(path.join(process.cwd(), "package.json"));
  if (writer === "yazl") {
    const yazl = require("yazl");
    const zip = new yazl.ZipFile();
    for (const name of names)
      zip.addReadStream(Readable.from(source(size, seed)), name, { compress: false, size });
    zip.end();
    await pipeline(zip.outputStream, sink(out));
    return;
  }
  const archiver = require("archiver");
  const zip = archiver("zip", { store: true });
  const done = pipeline(zip, sink(out));
  for (const name of names) zip.append(Readable.from(source(size, seed)), { name });
  await zip.finalize();
  await done;
}

async function child(writer: Writer, files: number, size: number): Promise<void> {
  const out =
    process.env.ZIP_COMPARE_SINK === "null" ? "null" : path.join(tmpdir(), `zip-compare-${writer}.zip`);
  const started = performance.now();
  await write(writer, out, files, size);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ writer, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRss, out }));
}

async function main(): Promise<void> {
  const gib = Number(process.argv[2] ?? 1);
  const files = Number(process.argv[3] ?? 5);
  const size = Math.round(gib * 1024 * MiB);
  const total = size * files;
  console.log(`${files} files × ${(size / 1024 ** 3).toFixed(2)} GiB, stored (ZIP64)`);
  for (const writer of WRITERS) {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", fileURLToPath(import.meta.url), "--child", writer, String(files), String(size)],
      { encoding: "utf8" },
    );
    if (run.status !== 0) {
      console.log(`${writer}: failed: ${(run.stderr || run.stdout).slice(-400)}`);
      continue;
    }
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}");
    let valid = "not written (ZIP_COMPARE_SINK=null)";
    let bytes = Number.NaN;
    if (result.out !== "null") {
      valid = "unzip -t: ok";
      try {
        execFileSync("unzip", ["-tqq", result.out], { stdio: "pipe" });
      } catch (err) {
        valid = `unzip -t: FAILED ${String((err as { stdout?: Buffer }).stdout ?? err).slice(0, 200)}`;
      }
      bytes = statSync(result.out).size;
      rmSync(result.out);
    }
    console.log(
      `${writer.padEnd(8)} ${(total / MiB / result.seconds).toFixed(0).padStart(5)} MiB/s  ` +
        `CPU ${(result.cpuSeconds / (total / 1024 ** 3)).toFixed(2)} s/GiB  ` +
        `peak RSS ${(result.peakRss / 1e6).toFixed(0)} MB  archive ${(bytes / 1024 ** 3).toFixed(3)} GiB  ${valid}`,
    );
  }
}

if (process.argv[2] === "--child") {
  await child(process.argv[3] as Writer, Number(process.argv[4]), Number(process.argv[5]));
} else {
  await main();
}
