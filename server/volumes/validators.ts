// Validators for served files (ETag), honest about what they can prove.
//
// The Files API gives no content hash: only Content-Length and a Last-Modified HTTP date with
// one-second resolution. Nothing identifies the bytes, so every ETag we send is weak (`W/"…"`),
// and If-Range, which needs a strong match (RFC 9110 §13.1.5), never resumes: a browser that
// resumes a download with a validator gets the whole file again (200), never a splice of two
// versions. For the same reason a Last-Modified date in If-Range is never taken as proof.
//
// If-None-Match uses weak comparison, and a 304 is only safe if the validator changes whenever
// the bytes do. Size + mtime second alone do not: a same-size rewrite within the second keeps
// both. So the tag also carries:
// - a write generation: every write this app makes (upload, delete, move, in this process)
//   bumps it for the path and the subtrees it touched, plus a per-process epoch so a restart
//   cannot hand out an old number for other bytes;
// - whether it is *settled*: issued at least SETTLE_MS after the file's mtime, by the Files
//   API's own clock (its Date header). A later write lands in a later second, so a settled
//   (size, mtime) names one version. A tag issued while the mtime's second may still take
//   another write is marked unsettled and never answers 304.
// What remains undetectable: a writer outside this app that keeps size and mtime second (or
// storage whose mtime is the upload's start, racing a served version of the same size), or
// clocks further apart than the margin. At worst a browser revalidates to a stale copy (304);
// a resumed download still never mixes versions, because If-Range never matches.
import { randomBytes } from "node:crypto";
import { ancestorsAndSelf } from "../../shared/paths.js";
import { GenerationLog, pathKey } from "./generation-log.js";

/** How long after its mtime a file's (size, mtime) is taken to name one version. */
export const SETTLE_MS = 5_000;

const EPOCH = randomBytes(3).toString("hex");
const writes = new GenerationLog(10_000);

/** A write to `rel` (or, with `subtree`, to everything below it) in the volume `volumeId`. */
export function noteWrite(volumeId: string, rel: string, subtree: boolean): void {
  writes.record(pathKey(volumeId, rel), writes.tick(), subtree);
}

/** The write generation to put in a tag; read it before asking the Files API for the file. */
export function writeGeneration(volumeId: string, rel: string): number {
  return writes.lastTouched(volumeId, ancestorsAndSelf(rel));
}

export interface ValidatorInput {
  size: number;
  /** Last-Modified as the Files API sent it. */
  lastModified?: string;
  /** The Files API's Date header: "now" on the same clock as the mtime. */
  date?: string;
  generation: number;
}

const UNSETTLED = "-u";

export function weakEtag(input: ValidatorInput): string {
  const modified = input.lastModified ? Date.parse(input.lastModified) : Number.NaN;
  const stamp = Number.isNaN(modified) ? "0" : Math.floor(modified / 1000).toString(16);
  const sent = input.date ? Date.parse(input.date) : Number.NaN;
  const now = Number.isNaN(sent) ? Date.now() : sent;
  const settled = !Number.isNaN(modified) && now - modified >= SETTLE_MS;
  const tag = `${input.size.toString(16)}-${stamp}-${EPOCH}${input.generation.toString(16)}`;
  return `W/"${tag}${settled ? "" : UNSETTLED}"`;
}

/**
 * If-None-Match (a list, or `*`) by weak comparison, but only for a settled current tag: an
 * unsettled one may be shared by two versions, so it never proves the client's copy is current.
 */
export function notModified(header: string, etag: string): boolean {
  if (header.trim() === "*") return true; // "any version exists": no version to compare
  if (etag.endsWith(`${UNSETTLED}"`)) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}
