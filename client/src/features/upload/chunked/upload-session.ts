// What the client knows about one chunked upload, in a plain object that IndexedDB can keep:
// the newest token, the server's rules, and what is committed. Multipart uploads record every
// chunk cut so far (a re-sent chunk keeps its part number, offset and size, as the server
// requires) and the receipt of each one stored; in-order modes record the committed offset.
import type { ChunkedUploadMode, StartUploadResponse } from "@shared/api/uploads";
import type { ChunkLimits } from "./chunk-sizing";

export interface CutChunk {
  part: number;
  offset: number;
  size: number;
}

export interface Receipt extends CutChunk {
  receipt: string;
}

export interface UploadSession {
  token: string;
  mode: ChunkedUploadMode;
  path: string;
  size: number;
  limits: ChunkLimits;
  parallel: number;
  /** resumable, held-open: bytes the server has, in order. */
  committed: number;
  /** multipart: chunks in the order they were cut (part n is cut[n-1]). */
  cut: CutChunk[];
  /** multipart: one per stored part. */
  receipts: Receipt[];
}

export function sessionFromStart(res: StartUploadResponse): UploadSession {
  return {
    token: res.token,
    mode: res.mode,
    path: res.path,
    size: res.size,
    limits: {
      minChunkSize: res.minChunkSize,
      maxChunkSize: res.maxChunkSize,
      chunkMultiple: res.chunkMultiple,
    },
    // Only multipart chunks may overlap, whatever the server says.
    parallel: res.mode === "multipart" ? Math.max(1, res.parallel) : 1,
    committed: 0,
    cut: [],
    receipts: [],
  };
}

/** Bytes the server has stored for good. */
export function storedBytes(s: UploadSession): number {
  if (s.mode !== "multipart") return s.committed;
  return s.receipts.reduce((sum, r) => sum + r.size, 0);
}

/** Where the next new chunk starts (multipart: after everything cut so far). */
export function cutEnd(s: UploadSession): number {
  const last = s.cut[s.cut.length - 1];
  return last ? last.offset + last.size : 0;
}

export function cutNext(s: UploadSession, size: number): { session: UploadSession; chunk: CutChunk } {
  const chunk = { part: s.cut.length + 1, offset: cutEnd(s), size };
  return { session: { ...s, cut: [...s.cut, chunk] }, chunk };
}

/** Multipart chunks already cut whose receipt is missing (in flight when a reload came, or failed). */
export function unreceipted(s: UploadSession): CutChunk[] {
  const have = new Set(s.receipts.map((r) => r.part));
  return s.cut.filter((c) => !have.has(c.part));
}

/** Keeps a receipt (a re-sent part replaces the one before) and the newest token. */
export function withReceipt(s: UploadSession, receipt: Receipt, token: string): UploadSession {
  const receipts = s.receipts.filter((r) => r.part !== receipt.part);
  receipts.push(receipt);
  receipts.sort((a, b) => a.part - b.part);
  return { ...s, receipts, token };
}

/** True when the receipts cover [0, size) exactly, in part order, as complete requires. */
export function receiptsCoverFile(s: UploadSession): boolean {
  let end = 0;
  for (const r of s.receipts) {
    if (r.offset !== end) return false;
    end += r.size;
  }
  return end === s.size;
}

export function isFullyStored(s: UploadSession): boolean {
  return s.mode === "multipart" ? receiptsCoverFile(s) : s.committed === s.size;
}

/** The body of complete: every receipt, in part order (multipart), or nothing. */
export function completeParts(s: UploadSession): string[] | undefined {
  return s.mode === "multipart" ? s.receipts.map((r) => r.receipt) : undefined;
}
