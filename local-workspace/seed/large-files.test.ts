import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLargeParquet, generateLargeText } from "./index.js";

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "seed-large-"));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("generateLargeParquet", () => {
  it("streams row groups until the target size and reads back by range", async () => {
    const file = path.join(tmp, "big.parquet");
    const result = await generateLargeParquet(file, 6_000_000, 10_000);
    expect(result.bytes).toBe((await stat(file)).size);
    expect(result.bytes).toBeGreaterThanOrEqual(6_000_000);
    expect(result.rowGroups).toBeGreaterThanOrEqual(2);
    expect(result.rows).toBe(result.rowGroups * 10_000);

    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer);
    expect(metadata.num_rows).toBe(BigInt(result.rows));
    expect(metadata.row_groups).toHaveLength(result.rowGroups);
    const [last] = await parquetReadObjects({ file: buffer, rowStart: result.rows - 1, rowEnd: result.rows });
    expect(last?.order_id).toBe(100_000 + result.rows);
    expect(typeof last?.notes).toBe("string");
  });
});

describe("generateLargeText", () => {
  it("writes at least the target size of numbered log lines", async () => {
    const file = path.join(tmp, "big.log");
    const written = await generateLargeText(file, 1_000_000);
    expect((await stat(file)).size).toBe(written);
    expect(written).toBeGreaterThanOrEqual(1_000_000);
    expect(written).toBeLessThan(1_000_000 + 70 * 1024);
    const text = await readFile(file, "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^#1 2024-01-01T00:00:00\.250Z /);
    expect(lines.at(-1)).toMatch(new RegExp(`^#${lines.length} `));
  });
});
