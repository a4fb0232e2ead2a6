// The file a preview shows, and byte ranges of it from `raw`. Every previewer reads through
// here, so "a preview never fetches more than it needs" is a matter of the ranges they ask for.
import { filesUrl } from "@/api/files/urls";
import { apiFetch } from "@/lib/api-client";

export interface FileSource {
  volume: string;
  /** Volume-relative path. */
  path: string;
  name: string;
  /** Bytes. */
  size: number;
  /** Changes whenever the file does (size and modification time): cached ranges are per version. */
  version: string;
  contentType: string;
  /** Whether the policy lets this caller read `raw` (byte ranges, media sources). */
  canRaw: boolean;
}

/** The inline URL of a file: safe types only inline, always under a sandbox CSP (see serve.ts). */
export const rawUrl = (source: Pick<FileSource, "volume" | "path">) =>
  filesUrl(source.volume, "raw", { path: source.path });

export class FileChangedError extends Error {
  constructor() {
    super("The file changed while it was being previewed: refresh to see the new version.");
    this.name = "FileChangedError";
  }
}

/**
 * Bytes [start, end) of the file. A server that ignores Range answers 200 with the whole file:
 * then only what was asked for is read and the rest of the response is cancelled.
 */
export async function fetchRange(source: FileSource, start: number, end: number): Promise<Uint8Array> {
  const last = Math.min(end, source.size) - 1;
  if (last < start) return new Uint8Array(0);
  const res = await apiFetch(rawUrl(source), {
    headers: { range: `bytes=${start}-${last}` },
    // Ranges are per file version (the cache key says so): the browser's cache must not answer
    // with a range of an older version.
    cache: "no-store",
  });
  const total = /\/(\d+)\s*$/.exec(res.headers.get("content-range") ?? "")?.[1];
  if (res.status === 206 && total !== undefined && Number(total) !== source.size) {
    void res.body?.cancel();
    throw new FileChangedError();
  }
  if (res.status === 206) return new Uint8Array(await res.arrayBuffer());
  return readBounded(res, start, last - start + 1);
}

async function readBounded(res: Response, skip: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let seen = 0;
  let filled = 0;
  const reader = res.body?.getReader();
  if (!reader) return out.subarray(0, 0);
  while (filled < length) {
    const { done, value } = await reader.read();
    if (done) break;
    const from = Math.max(0, skip - seen);
    seen += value.length;
    if (from >= value.length) continue;
    const piece = value.subarray(from, from + (length - filled));
    out.set(piece, filled);
    filled += piece.length;
  }
  // The rest of an unranged answer is not needed.
  if (filled >= length) void reader.cancel();
  return out.subarray(0, filled);
}
