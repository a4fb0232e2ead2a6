// A Parquet file read with byte ranges: hyparquet asks for the footer (the file's last bytes),
// then, for the first rows, only the pages that hold them (via the offset index when the file
// has one). Every slice is one Range request on `raw`, cached per file version, so a multi-GB
// file previews with a few MB read.
import type { QueryClient } from "@tanstack/react-query";
import {
  type AsyncBuffer,
  type CompressionCodec,
  type Compressors,
  type FileMetaData,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
} from "hyparquet";
import type { FileSource } from "@/features/preview/data/file-source";
import { bytesQueryOptions } from "@/features/preview/data/use-bytes";

/** The footer is usually a few KiB: ask for this much of the tail first, more only if needed. */
const FOOTER_GUESS = 64 * 1024;

/** Below this, one request for the whole file beats a footer request plus a column request. */
const SMALL_FILE = 512 * 1024;

export function rangeBuffer(source: FileSource, client: QueryClient): AsyncBuffer {
  const small = source.size <= SMALL_FILE;
  return {
    byteLength: source.size,
    async slice(start, end = source.size) {
      const bytes = small
        ? (await client.fetchQuery(bytesQueryOptions(source, 0, source.size))).subarray(start, end)
        : await client.fetchQuery(bytesQueryOptions(source, start, end));
      // hyparquet wants an ArrayBuffer of exactly the slice.
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : (bytes.slice().buffer as ArrayBuffer);
    },
  };
}

export async function readMetadata(file: AsyncBuffer): Promise<FileMetaData> {
  return parquetMetadataAsync(file, { initialFetchSize: Math.min(FOOTER_GUESS, file.byteLength) });
}

/** Codecs the file uses, beyond what hyparquet decodes itself (SNAPPY, UNCOMPRESSED). */
function codecsOf(metadata: FileMetaData): Set<CompressionCodec> {
  const codecs = new Set<CompressionCodec>();
  for (const group of metadata.row_groups)
    for (const column of group.columns) if (column.meta_data) codecs.add(column.meta_data.codec);
  codecs.delete("SNAPPY");
  codecs.delete("UNCOMPRESSED");
  return codecs;
}

/** Decompressors for the codecs this file needs, loaded only when it needs them. */
export async function compressorsFor(metadata: FileMetaData): Promise<Compressors> {
  const codecs = codecsOf(metadata);
  if (codecs.size === 0) return {};
  // Only the pure-JS decoders: hyparquet-compressors' SNAPPY is WebAssembly, which the app's
  // CSP does not allow (and hyparquet's own SNAPPY decoder is used instead).
  const lib = await import("hyparquet-compressors");
  const available: Compressors = {
    GZIP: lib.decompressGzip,
    BROTLI: lib.decompressBrotli,
    ZSTD: (input, length) => lib.decompressZstd(input, new Uint8Array(length)),
    LZ4: lib.decompressLz4,
    LZ4_RAW: lib.decompressLz4Raw,
  };
  const missing = [...codecs].filter((codec) => !available[codec]);
  if (missing.length > 0)
    throw new Error(`this file uses ${missing.join(", ")} compression, which the preview can't read`);
  return available;
}

export type ParquetRow = Record<string, unknown>;

export async function readRows(
  file: AsyncBuffer,
  metadata: FileMetaData,
  rowStart: number,
  rowEnd: number,
): Promise<ParquetRow[]> {
  const compressors = await compressorsFor(metadata);
  return parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors, useOffsetIndex: true });
}

/** Top-level columns (what a row object has), with the schema element of each. */
export function topLevelColumns(metadata: FileMetaData) {
  return parquetSchema(metadata).children.map((child) => ({
    name: child.element.name,
    element: child.element,
  }));
}

/** What reading the first rows may cost before the preview asks (a few MB is the norm). */
export const ROWS_READ_BUDGET = 32 * 1024 * 1024;

/**
 * Bytes that reading the first rows of the first row group must fetch: a column chunk with an
 * offset index is read page by page (about one page), one without it is read whole. A file
 * written with huge row groups and no page index can need hundreds of MB for a few rows.
 */
export function firstRowsCost(metadata: FileMetaData): number {
  const group = metadata.row_groups[0];
  if (!group) return 0;
  let cost = 0;
  for (const column of group.columns) {
    const size = Number(column.meta_data?.total_compressed_size ?? 0);
    cost += column.offset_index_length ? Math.min(size, 1024 * 1024) : size;
  }
  return cost;
}
