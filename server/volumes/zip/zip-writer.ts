// A streaming ZIP writer (PKWARE APPNOTE 6.3): STORE only (files in volumes are mostly already
// compressed, and storing costs no CPU), data descriptors (the CRC is known only after the bytes
// went out), UTF-8 names, ZIP64 for entries, offsets and counts past the 32-bit limits. It is an
// async generator, so a consumer that stops reading stops the upstream downloads behind it, and
// it holds one chunk at a time: memory does not grow with the archive.
import { crc32 } from "node:zlib";

export interface ZipEntry {
  /** Path inside the archive with `/` separators, no leading slash; folders without a trailing one. */
  name: string;
  isDirectory: boolean;
  /** Epoch milliseconds. */
  lastModified?: number;
  /** The size expected (from the listing): decides up front whether the entry needs ZIP64. */
  size?: number;
  /** Files: opens the bytes. A rejection skips the entry (see `onSkip`) before any of it is written. */
  open?: () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
}

export interface ZipOptions {
  onSkip?: (entry: ZipEntry, err: unknown) => void;
  /** Tests: write ZIP64 records even for small archives. */
  forceZip64?: boolean;
}

const U32 = 0xffffffff;
const U16 = 0xffff;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const VERSION_ZIP64 = 45;
const VERSION_DEFAULT = 20;
const MADE_BY_UNIX = 3 << 8;

interface CentralRecord {
  name: Buffer;
  flags: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  offset: number;
  isDirectory: boolean;
  zip64: boolean;
}

function dosDateTime(ms: number | undefined): { time: number; date: number } {
  const d = new Date(ms ?? Date.now());
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((Math.min(d.getUTCFullYear(), 2107) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

function zip64Extra(values: number[]): Buffer {
  const buf = Buffer.alloc(4 + values.length * 8);
  buf.writeUInt16LE(0x0001, 0);
  buf.writeUInt16LE(values.length * 8, 2);
  for (const [i, v] of values.entries()) buf.writeBigUInt64LE(BigInt(v), 4 + i * 8);
  return buf;
}

function localHeader(rec: CentralRecord): Buffer {
  // Sizes are unknown here (data descriptor follows); a ZIP64 entry says so with its extra field.
  const extra = rec.zip64 ? zip64Extra([0, 0]) : Buffer.alloc(0);
  const buf = Buffer.alloc(30);
  buf.writeUInt32LE(0x04034b50, 0);
  buf.writeUInt16LE(rec.zip64 ? VERSION_ZIP64 : VERSION_DEFAULT, 4);
  buf.writeUInt16LE(rec.flags, 6);
  buf.writeUInt16LE(0, 8); // STORE
  buf.writeUInt16LE(rec.time, 10);
  buf.writeUInt16LE(rec.date, 12);
  buf.writeUInt32LE(0, 14);
  buf.writeUInt32LE(rec.zip64 ? U32 : 0, 18);
  buf.writeUInt32LE(rec.zip64 ? U32 : 0, 22);
  buf.writeUInt16LE(rec.name.length, 26);
  buf.writeUInt16LE(extra.length, 28);
  return Buffer.concat([buf, rec.name, extra]);
}

function dataDescriptor(rec: CentralRecord): Buffer {
  const buf = Buffer.alloc(rec.zip64 ? 24 : 16);
  buf.writeUInt32LE(0x08074b50, 0);
  buf.writeUInt32LE(rec.crc, 4);
  if (rec.zip64) {
    buf.writeBigUInt64LE(BigInt(rec.size), 8);
    buf.writeBigUInt64LE(BigInt(rec.size), 16);
  } else {
    buf.writeUInt32LE(rec.size, 8);
    buf.writeUInt32LE(rec.size, 12);
  }
  return buf;
}

function centralHeader(rec: CentralRecord): Buffer {
  const bigSize = rec.zip64 || rec.size >= U32;
  const bigOffset = rec.offset >= U32;
  const values = [...(bigSize ? [rec.size, rec.size] : []), ...(bigOffset ? [rec.offset] : [])];
  const extra = values.length > 0 ? zip64Extra(values) : Buffer.alloc(0);
  const needs64 = values.length > 0;
  const buf = Buffer.alloc(46);
  buf.writeUInt32LE(0x02014b50, 0);
  buf.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 4);
  buf.writeUInt16LE(needs64 ? VERSION_ZIP64 : VERSION_DEFAULT, 6);
  buf.writeUInt16LE(rec.flags, 8);
  buf.writeUInt16LE(0, 10);
  buf.writeUInt16LE(rec.time, 12);
  buf.writeUInt16LE(rec.date, 14);
  buf.writeUInt32LE(rec.crc, 16);
  buf.writeUInt32LE(bigSize ? U32 : rec.size, 20);
  buf.writeUInt32LE(bigSize ? U32 : rec.size, 24);
  buf.writeUInt16LE(rec.name.length, 28);
  buf.writeUInt16LE(extra.length, 30);
  buf.writeUInt16LE(0, 32); // comment
  buf.writeUInt16LE(0, 34); // disk
  buf.writeUInt16LE(0, 36); // internal attributes
  // Unix mode in the high half; MS-DOS directory bit for folders.
  buf.writeUInt32LE(rec.isDirectory ? ((0o40755 << 16) | 0x10) >>> 0 : (0o100644 << 16) >>> 0, 38);
  buf.writeUInt32LE(bigOffset ? U32 : rec.offset, 42);
  return Buffer.concat([buf, rec.name, extra]);
}

function endRecords(count: number, cdOffset: number, cdSize: number, force: boolean): Buffer {
  const parts: Buffer[] = [];
  if (force || count >= U16 || cdOffset >= U32 || cdSize >= U32) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12);
    record.writeUInt16LE(VERSION_ZIP64, 14);
    record.writeUInt32LE(0, 16);
    record.writeUInt32LE(0, 20);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(cdSize), 40);
    record.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeUInt32LE(0, 4);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(Math.min(count, U16), 8);
  end.writeUInt16LE(Math.min(count, U16), 10);
  end.writeUInt32LE(Math.min(cdSize, U32), 12);
  end.writeUInt32LE(Math.min(cdOffset, U32), 16);
  end.writeUInt16LE(0, 20);
  parts.push(end);
  return Buffer.concat(parts);
}

export async function* zipStream(
  entries: AsyncIterable<ZipEntry>,
  options: ZipOptions = {},
): AsyncGenerator<Buffer> {
  const central: CentralRecord[] = [];
  let offset = 0;
  for await (const entry of entries) {
    const { time, date } = dosDateTime(entry.lastModified);
    const rec: CentralRecord = {
      name: Buffer.from(entry.isDirectory ? `${entry.name}/` : entry.name, "utf8"),
      flags: entry.isDirectory ? FLAG_UTF8 : FLAG_UTF8 | FLAG_DESCRIPTOR,
      time,
      date,
      crc: 0,
      size: 0,
      offset,
      isDirectory: entry.isDirectory,
      zip64: !entry.isDirectory && (options.forceZip64 === true || (entry.size ?? 0) >= U32 - 1),
    };
    let body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | undefined;
    if (!entry.isDirectory) {
      try {
        body = await (entry.open ?? (async () => [] as Uint8Array[]))();
      } catch (err) {
        options.onSkip?.(entry, err);
        continue;
      }
    }
    const header = localHeader(rec);
    offset += header.length;
    yield header;
    if (body) {
      for await (const chunk of body) {
        const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        rec.crc = crc32(buf, rec.crc);
        rec.size += buf.length;
        if (!rec.zip64 && rec.size >= U32) {
          throw new Error(`zip entry ${entry.name} grew past 4 GiB after its size was announced`);
        }
        offset += buf.length;
        yield buf;
      }
      const descriptor = dataDescriptor(rec);
      offset += descriptor.length;
      yield descriptor;
    }
    central.push(rec);
  }
  const cdOffset = offset;
  let cdSize = 0;
  // The central directory goes out in 64 KiB batches rather than one tiny chunk per entry.
  let batch: Buffer[] = [];
  let batchSize = 0;
  for (const rec of central) {
    const header = centralHeader(rec);
    cdSize += header.length;
    batch.push(header);
    batchSize += header.length;
    if (batchSize >= 64 * 1024) {
      yield Buffer.concat(batch);
      batch = [];
      batchSize = 0;
    }
  }
  batch.push(endRecords(central.length, cdOffset, cdSize, options.forceZip64 === true));
  yield Buffer.concat(batch);
}
