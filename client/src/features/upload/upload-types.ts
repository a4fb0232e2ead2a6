import type { ChunkedState } from "./chunked/chunked-transfer";

export type UploadStatus =
  | "queued"
  | "checking"
  | "conflict"
  | "uploading"
  | "paused"
  | "done"
  | "failed"
  | "cancelled"
  | "skipped"
  | "refused";

export type ConflictChoice = "replace" | "skip" | "keep-both";

export interface UploadItem {
  id: number;
  batchId: number;
  volume: string;
  /** `/Volumes/c/s/v`, for showing where files go. */
  volumeRoot: string;
  file: File;
  /** Canonical volume-relative path the file will be written to (changes on "keep both"). */
  target: string;
  status: UploadStatus;
  loaded: number;
  /** Bytes per second over the last few seconds. */
  speed?: number;
  error?: string;
  /** Why a running upload is slow right now ("retrying…"); cleared by the next progress. */
  note?: string;
  /** Set by "replace": the next attempt may overwrite. */
  overwrite: boolean;
  /** Set by "keep both": the next attempt picks a free `name (n).ext`. */
  keepBoth: boolean;
  /** Files over the chunked threshold: the session to continue after a pause, failure or reload. */
  chunked?: ChunkedState;
}

export const ACTIVE: ReadonlySet<UploadStatus> = new Set(["checking", "uploading"]);
export const PENDING: ReadonlySet<UploadStatus> = new Set([
  "queued",
  "checking",
  "uploading",
  "paused",
  "conflict",
]);
export const FINISHED: ReadonlySet<UploadStatus> = new Set(["done", "cancelled", "skipped", "refused"]);

export interface UploadSummary {
  total: number;
  pending: number;
  done: number;
  failed: number;
  conflicts: number;
  bytesTotal: number;
  bytesLoaded: number;
}

export function summarise(items: readonly UploadItem[]): UploadSummary {
  const s: UploadSummary = {
    total: 0,
    pending: 0,
    done: 0,
    failed: 0,
    conflicts: 0,
    bytesTotal: 0,
    bytesLoaded: 0,
  };
  for (const item of items) {
    if (item.status === "skipped" || item.status === "cancelled" || item.status === "refused") continue;
    s.total++;
    s.bytesTotal += item.file.size;
    s.bytesLoaded += item.status === "done" ? item.file.size : item.loaded;
    if (PENDING.has(item.status)) s.pending++;
    if (item.status === "done") s.done++;
    if (item.status === "failed") s.failed++;
    if (item.status === "conflict") s.conflicts++;
  }
  return s;
}

/** The next items to start, oldest first, so that at most `concurrency` run at once. */
export function nextToStart(items: readonly UploadItem[], concurrency: number): UploadItem[] {
  let free = concurrency - items.filter((i) => ACTIVE.has(i.status)).length;
  const out: UploadItem[] = [];
  for (const item of items) {
    if (free <= 0) break;
    if (item.status === "queued") {
      out.push(item);
      free--;
    }
  }
  return out;
}
