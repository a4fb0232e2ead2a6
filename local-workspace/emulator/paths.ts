// Turns the raw (still percent-encoded) path after `/api/2.0/fs/files` or `/api/2.0/fs/directories`
// into a validated volume path. Decoding happens per segment, after splitting on literal `/`, so an
// encoded `%2F` can never introduce a separator and an encoded `%2E%2E` is caught like a raw `..`.
import { invalidPath } from "./errors.js";

export interface VolumePath {
  catalog: string;
  schema: string;
  volume: string;
  /** Decoded segments below the volume root; empty for the root itself. */
  segments: string[];
  /** The canonical decoded path, `/Volumes/c/s/v/a/b`, without a trailing slash. */
  path: string;
}

function decodeSegment(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw invalidPath("malformed percent-encoding");
  }
  if (decoded === "." || decoded === "..") throw invalidPath("'.' and '..' segments are not allowed");
  if (decoded.includes("/")) throw invalidPath("a name cannot contain '/'");
  if (decoded.includes("\\")) throw invalidPath("'\\' is not allowed");
  if (decoded.includes("\0")) throw invalidPath("NUL is not allowed");
  if (Buffer.byteLength(decoded) > 255) throw invalidPath("a name is longer than 255 bytes");
  return decoded;
}

/**
 * @param rawPath the request path after the endpoint prefix, e.g. `/Volumes/c/s/v/a%23b.txt`.
 * @param allowTrailingSlash directory endpoints accept `/dir/`; a file path never ends in `/`.
 */
export function parseVolumePath(rawPath: string, allowTrailingSlash: boolean): VolumePath {
  if (!rawPath.startsWith("/")) throw invalidPath("the path must be absolute and start with /Volumes/");
  let body = rawPath.slice(1);
  if (body.endsWith("/")) {
    if (!allowTrailingSlash) throw invalidPath("a file path cannot end with '/'");
    body = body.slice(0, -1);
  }
  const parts = body.split("/").map((raw) => {
    if (raw === "") throw invalidPath("empty path segment");
    return decodeSegment(raw);
  });
  const [root, catalog, schema, volume, ...segments] = parts;
  if (root !== "Volumes") throw invalidPath("the path must start with /Volumes/");
  if (catalog === undefined || schema === undefined || volume === undefined) {
    throw invalidPath("the path must name a volume: /Volumes/<catalog>/<schema>/<volume>/");
  }
  return { catalog, schema, volume, segments, path: `/${parts.join("/")}` };
}

/** Best-effort decode for matching fault rules and stats; never throws. */
export function tryParseVolumePath(rawPath: string): string | undefined {
  try {
    return parseVolumePath(rawPath, true).path;
  } catch {
    return undefined;
  }
}
