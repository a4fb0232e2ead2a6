// An on-demand large text file (a plausible application log) for tests and benchmarks of
// capped text previews and Range reads. Streamed through `pipeline`, so backpressure keeps
// memory at about one chunk however big the target, and errors reject instead of crashing.
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createPrng } from "./prng.js";

const LEVELS = ["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"] as const;
const REGIONS = ["EMEA", "AMER", "APAC", "LATAM"] as const;

/**
 * Writes log lines to `filePath` until it is at least `targetBytes` long (overshooting by
 * less than one 64 KiB chunk). Line N (1-based) starts with `#N ` so tests can tell where a
 * byte range landed. Returns the number of bytes written.
 */
export async function generateLargeText(filePath: string, targetBytes: number): Promise<number> {
  const prng = createPrng(99);
  const start = Date.UTC(2024, 0, 1);
  let written = 0;
  let line = 0;
  function* chunks(): Generator<string> {
    while (written < targetBytes) {
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        line++;
        const ts = new Date(start + line * 250).toISOString();
        chunk +=
          `#${line} ${ts} ${prng.pick(LEVELS)} [worker-${prng.int(1, 8)}] order ${100_000 + line} ` +
          `region=${prng.pick(REGIONS)} bytes=${prng.int(100, 99_999)} latency_ms=${prng.int(1, 900)}\n`;
      }
      written += Buffer.byteLength(chunk);
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), createWriteStream(filePath));
  return written;
}
