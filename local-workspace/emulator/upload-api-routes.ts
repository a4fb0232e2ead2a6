// The workspace API side of large uploads (authenticated, rate limited like every Files API call):
//   POST /api/2.0/fs/files{path}?action=initiate-upload[&overwrite=]
//   POST /api/2.0/fs/files{path}?action=complete-upload&upload_type=multipart&session_token=
//   POST /api/2.0/fs/create-upload-part-urls      {path, session_token, start_part_number, count, expire_time}
//   POST /api/2.0/fs/create-abort-upload-url      {path, session_token, expire_time}
//   POST /api/2.0/fs/create-resumable-upload-url  {path, session_token}
// The shapes are those databricks-sdk-py's FilesExt sends and parses (databricks/sdk/mixins/files.py,
// `_PresignedUrlRequestBuilder`, `_initiate_multipart_upload`, `_complete_multipart_upload`);
// docs/databricks-files-api.md#large-uploads. The bytes themselves go to storage-routes.ts.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { type RequestContext, resolveTarget } from "./context.js";
import { EmulatorApiError, endpointNotFound, invalidParameter, sendJson } from "./errors.js";
import { readJsonBody } from "./json-body.js";
import { directoryInTheWay, placeFile } from "./place-file.js";
import { requiredHeader, STORAGE_PREFIX } from "./presigned.js";
import { parseOverwrite } from "./upload.js";
import { type StoredPart, sessionNotFound, type UploadSession } from "./upload-sessions.js";

export const CREATE_UPLOAD_PART_URLS_PATH = "/api/2.0/fs/create-upload-part-urls";
export const CREATE_ABORT_UPLOAD_URL_PATH = "/api/2.0/fs/create-abort-upload-url";
export const CREATE_RESUMABLE_UPLOAD_URL_PATH = "/api/2.0/fs/create-resumable-upload-url";
export const UPLOAD_API_PATHS: readonly string[] = [
  CREATE_UPLOAD_PART_URLS_PATH,
  CREATE_ABORT_UPLOAD_URL_PATH,
  CREATE_RESUMABLE_UPLOAD_URL_PATH,
];

/** S3's multipart rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const MAX_PARTS = 10_000;
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** The longest a presigned URL may live (SigV4: "less than a week"). */
export const MAX_URL_LIFETIME_MS = 7 * 24 * 3600_000;

/** The answer when the workspace offers neither protocol: the Files API's "not enabled" error. */
export const uploadsNotEnabled = () =>
  new EmulatorApiError(
    403,
    "PERMISSION_DENIED",
    "Presigned URLs API is not enabled",
    "FILES_API_API_IS_NOT_ENABLED",
  );

function storageBase(ctx: RequestContext): string {
  const scheme = "encrypted" in ctx.req.socket && ctx.req.socket.encrypted ? "https" : "http";
  return `${scheme}://${ctx.req.headers.host ?? "127.0.0.1"}`;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** `expire_time` (RFC 3339) → epoch ms; in the future and at most a week ahead. */
function parseExpireTime(value: unknown, now = Date.now()): number {
  if (typeof value !== "string" || value === "")
    throw invalidParameter("Missing required field: expire_time.");
  const ms = RFC3339.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw invalidParameter(`Invalid expire_time '${value}': expected an RFC 3339 timestamp.`);
  if (ms <= now) throw invalidParameter(`Invalid expire_time '${value}': it must be in the future.`);
  if (ms - now > MAX_URL_LIFETIME_MS)
    throw invalidParameter(`Invalid expire_time '${value}': at most 7 days ahead.`);
  return ms;
}

function requireInteger(body: Record<string, unknown>, field: string, min: number, max: number): number {
  const value = body[field];
  if (value === undefined) throw invalidParameter(`Missing required field: ${field}.`);
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`Invalid ${field}: expected an integer from ${min} to ${max}.`);
  }
  return value;
}

async function readObject(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await readJsonBody(ctx.req);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new EmulatorApiError(
      400,
      "MALFORMED_REQUEST",
      "Could not parse request object: expected a JSON object.",
    );
  }
  return body as Record<string, unknown>;
}

/** The open session named by a JSON body's `path` and `session_token`, checked against the caller. */
async function sessionFromBody(
  ctx: RequestContext,
  body: Record<string, unknown>,
  kind: UploadSession["kind"],
) {
  if (typeof body.path !== "string" || body.path === "")
    throw invalidParameter("Missing required field: path.");
  // The path arrives decoded in JSON; resolve it like a URL path (one segment encoding per part).
  const encoded = body.path
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
  const target = await resolveTarget(ctx, encoded, { directory: false, access: "write" });
  const session = await ctx.env.uploads.forApi(body.session_token, target.vpath.path, ctx.principal.grantKey);
  if (session.kind !== kind) {
    throw invalidParameter(`The session is a ${session.kind} upload, not a ${kind} upload.`);
  }
  return session;
}

async function initiate(ctx: RequestContext, rawPath: string): Promise<void> {
  const target = await resolveTarget(ctx, rawPath, { directory: false, access: "write" });
  if (target.vpath.segments.length === 0) throw directoryInTheWay();
  const overwrite = parseOverwrite(ctx.query);
  const mode = ctx.env.uploads.mode();
  if (mode === "none") throw uploadsNotEnabled();
  // Like the store, initiating does not look at the target: conflicts surface when the upload
  // commits (complete-upload 409; the last resumable chunk 412).
  const session = await ctx.env.uploads.create(
    mode,
    { path: target.vpath.path, absolute: target.absolute, root: target.root },
    ctx.principal.grantKey,
    overwrite,
  );
  if (mode === "resumable") {
    // The data file grows in place as chunks arrive (resumable-upload.ts).
    await new Promise<void>((resolve, reject) =>
      createWriteStream(resumableDataFile(session)).on("error", reject).end(resolve),
    );
  }
  const key = mode === "multipart" ? "multipart_upload" : "resumable_upload";
  sendJson(ctx.res, 200, { [key]: { session_token: session.token } });
}

export const resumableDataFile = (session: UploadSession) => `${session.dir}/data`;

/** Concatenates the listed parts, in order, into one staged file and puts it in place. */
async function complete(ctx: RequestContext, rawPath: string): Promise<void> {
  const uploadType = ctx.query.get("upload_type");
  if (uploadType !== "multipart") {
    throw invalidParameter(
      `Invalid upload_type '${uploadType ?? ""}': only multipart uploads are completed.`,
    );
  }
  const target = await resolveTarget(ctx, rawPath, { directory: false, access: "write" });
  const session = await ctx.env.uploads.forApi(
    ctx.query.get("session_token"),
    target.vpath.path,
    ctx.principal.grantKey,
  );
  if (session.kind !== "multipart") throw invalidParameter("The session is not a multipart upload.");
  const body = await readObject(ctx);
  const listed = body.parts;
  if (!Array.isArray(listed) || listed.length === 0) {
    throw invalidParameter("Missing required field: parts (a non-empty list of {part_number, etag}).");
  }
  if (listed.length > MAX_PARTS) throw invalidParameter(`Too many parts: at most ${MAX_PARTS}.`);
  if (session.state !== "open") throw sessionNotFound();
  const chosen: StoredPart[] = [];
  let previous = 0;
  for (const item of listed) {
    const { part_number: n, etag } = (item ?? {}) as { part_number?: unknown; etag?: unknown };
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_PARTS || typeof etag !== "string") {
      throw invalidParameter(
        `Invalid part ${JSON.stringify(item)}: expected {part_number: 1..${MAX_PARTS}, etag}.`,
      );
    }
    if (n <= previous) {
      throw invalidParameter(
        "InvalidPartOrder: The list of parts was not in ascending order. Parts must be ordered by part number.",
      );
    }
    previous = n;
    const stored = session.parts.get(n);
    if (!stored || unquote(stored.etag) !== unquote(etag)) {
      throw invalidParameter(
        `InvalidPart: One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag (part ${n}).`,
      );
    }
    chosen.push(stored);
  }
  chosen.forEach((part, i) => {
    if (i < chosen.length - 1 && part.size < MIN_PART_BYTES) {
      throw invalidParameter(
        `EntityTooSmall: Your proposed upload is smaller than the minimum allowed size: part ${(listed[i] as { part_number: number }).part_number} has ${part.size} bytes, every part but the last needs at least ${MIN_PART_BYTES}.`,
      );
    }
  });

  session.state = "completing";
  const tempPath = `${session.dir}/${randomUUID()}.object`;
  try {
    // One generator over every part into one pipeline: piping each part in turn (end: false)
    // would stack listeners on the output, one set per part.
    await pipeline(
      async function* () {
        for (const part of chosen) yield* createReadStream(part.file);
      },
      createWriteStream(tempPath, { flags: "wx" }),
    );
    const size = chosen.reduce((sum, p) => sum + p.size, 0);
    await placeFile({ tempPath, size }, target.absolute, session.overwrite);
  } catch (err) {
    // A conflict at commit leaves the session open: the client may abort it (or free the name and retry).
    session.state = "open";
    throw err;
  }
  await ctx.env.uploads.end(session, "completed");
  sendJson(ctx.res, 200, {});
}

const unquote = (etag: string) => etag.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");

/** POST /api/2.0/fs/files{path}?action=… */
export async function handleFilesPost(ctx: RequestContext, rawPath: string): Promise<void> {
  const action = ctx.query.get("action");
  if (action === null) throw endpointNotFound(ctx.method, ctx.pathname);
  if (action === "initiate-upload") return initiate(ctx, rawPath);
  if (action === "complete-upload") return complete(ctx, rawPath);
  throw invalidParameter(`Invalid action '${action}': expected initiate-upload or complete-upload.`);
}

async function createUploadPartUrls(ctx: RequestContext): Promise<void> {
  const body = await readObject(ctx);
  const session = await sessionFromBody(ctx, body, "multipart");
  const start = requireInteger(body, "start_part_number", 1, MAX_PARTS);
  const count = requireInteger(body, "count", 1, MAX_PARTS);
  if (start + count - 1 > MAX_PARTS) throw invalidParameter(`Part numbers go up to ${MAX_PARTS}.`);
  const expiresAt = parseExpireTime(body.expire_time);
  const base = storageBase(ctx);
  const header = requiredHeader(ctx.env.cloud);
  const urls = [];
  for (let n = start; n < start + count; n++) {
    const signed = ctx.env.signer.sign("PUT", `${STORAGE_PREFIX}${session.id}/parts/${n}`, expiresAt);
    urls.push({ part_number: n, url: `${base}${signed}`, headers: [header] });
  }
  sendJson(ctx.res, 200, { upload_part_urls: urls });
}

async function createAbortUploadUrl(ctx: RequestContext): Promise<void> {
  const body = await readObject(ctx);
  const session = await sessionFromBody(ctx, body, "multipart");
  const expiresAt = parseExpireTime(body.expire_time);
  const signed = ctx.env.signer.sign("DELETE", `${STORAGE_PREFIX}${session.id}`, expiresAt);
  sendJson(ctx.res, 200, {
    abort_upload_url: { url: `${storageBase(ctx)}${signed}`, headers: [requiredHeader(ctx.env.cloud)] },
  });
}

/** The session URI, valid as long as the session; PUT and DELETE alike (like GCS's). */
export const RESUMABLE_METHOD = "RESUMABLE";

async function createResumableUploadUrl(ctx: RequestContext): Promise<void> {
  const body = await readObject(ctx);
  const session = await sessionFromBody(ctx, body, "resumable");
  const signed = ctx.env.signer.sign(
    RESUMABLE_METHOD,
    `${STORAGE_PREFIX}${session.id}/resumable`,
    session.expiresAt,
  );
  // GCS session URIs need no extra headers.
  sendJson(ctx.res, 200, { resumable_upload_url: { url: `${storageBase(ctx)}${signed}`, headers: [] } });
}

/** POST /api/2.0/fs/create-*-url. */
export async function handleUploadApi(ctx: RequestContext): Promise<void> {
  if (ctx.method !== "POST") throw endpointNotFound(ctx.method, ctx.pathname);
  // Sessions opened before a switch to "none" continue; without a session these answer 404.
  switch (ctx.pathname) {
    case CREATE_UPLOAD_PART_URLS_PATH:
      return createUploadPartUrls(ctx);
    case CREATE_ABORT_UPLOAD_URL_PATH:
      return createAbortUploadUrl(ctx);
    case CREATE_RESUMABLE_UPLOAD_URL_PATH:
      return createResumableUploadUrl(ctx);
    default:
      throw endpointNotFound(ctx.method, ctx.pathname);
  }
}
