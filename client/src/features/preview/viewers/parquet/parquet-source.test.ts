import type { ColumnChunk, FileMetaData } from "hyparquet";
import { describe, expect, it } from "vitest";
import { firstRowsCost } from "./parquet-source";

const MB = 1024 * 1024;

function chunk(size: number, offsetIndex: boolean): ColumnChunk {
  return {
    file_offset: 0n,
    ...(offsetIndex ? { offset_index_offset: 1n, offset_index_length: 40 } : {}),
    meta_data: {
      type: "INT32",
      encodings: [],
      path_in_schema: ["c"],
      codec: "SNAPPY",
      num_values: 1n,
      total_uncompressed_size: BigInt(size),
      total_compressed_size: BigInt(size),
      data_page_offset: 4n,
    },
  };
}

const fileWith = (columns: ColumnChunk[]) =>
  ({ row_groups: [{ columns, total_byte_size: 0n, num_rows: 1n }] }) as unknown as FileMetaData;

describe("firstRowsCost", () => {
  it("counts whole column chunks without an offset index, about a page for those with one", () => {
    expect(firstRowsCost(fileWith([chunk(3 * MB, false), chunk(500 * MB, true)]))).toBe(4 * MB);
    expect(firstRowsCost(fileWith([chunk(300 * MB, false)]))).toBe(300 * MB);
    expect(firstRowsCost({ row_groups: [] } as unknown as FileMetaData)).toBe(0);
  });
});
