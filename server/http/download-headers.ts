// Every header of a response that carries a file (download, raw) or an archive (zip), built here
// and nowhere else, so the sandbox, the disposition and the caching rules cannot drift apart.
import { contentDisposition } from "../volumes/content-disposition.js";

/** Headers every served file gets, whatever its type: it can never act as a page of this origin. */
const SANDBOX_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "sandbox; default-src 'none'",
  "cross-origin-resource-policy": "same-origin",
  "x-content-type-options": "nosniff",
};

/** What an answer for one file says about its bytes (all optional: a 304 has no length). */
export interface FileValidators {
  etag?: string;
  lastModified?: string;
  contentLength?: number;
  /** 206 only. */
  contentRange?: string;
}

/** Download and raw: `disposition` is inline only for types that cannot run script (shared/content-types.ts). */
export function fileHeaders(
  file: { contentType: string; disposition: "attachment" | "inline"; fileName: string },
  validators: FileValidators = {},
): Record<string, string> {
  const headers: Record<string, string> = {
    ...SANDBOX_HEADERS,
    "content-type": file.contentType,
    "content-disposition": contentDisposition(file.disposition, file.fileName),
    "accept-ranges": "bytes",
    // Private (per-user decisions) and revalidated every time (files change under the same URL).
    "cache-control": "private, no-cache",
  };
  if (validators.etag) headers.etag = validators.etag;
  if (validators.lastModified) headers["last-modified"] = validators.lastModified;
  if (validators.contentLength !== undefined) headers["content-length"] = String(validators.contentLength);
  if (validators.contentRange) headers["content-range"] = validators.contentRange;
  return headers;
}

/** A zip built on the fly: never cached (its contents are whatever the folder holds now). */
export function zipHeaders(fileName: string): Record<string, string> {
  return {
    ...SANDBOX_HEADERS,
    "content-type": "application/zip",
    "content-disposition": contentDisposition("attachment", fileName),
    "cache-control": "no-store",
  };
}
