// /__storage/*: the emulator's stand-in for the cloud store behind presigned URLs. No workspace
// authentication and no Files API rate limit apply here (the URL's signature is the credential,
// and S3/ADLS/GCS limits are not the Files API's); fault rules and stats do, matched by this raw
// path or by the upload's `/Volumes/…` target. Answers are the stores' (XML errors, ETag, 308).
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { ServerEnv } from "./context.js";
import { lingerOnBody } from "./errors.js";
import type { ActiveFault } from "./faults.js";
import { abortMultipart, noSuchUpload, putPart } from "./multipart-upload.js";
import { checkPresigned, STORAGE_PREFIX, type StorageError, s3Error } from "./presigned.js";
import { abortResumable, putResumable } from "./resumable-upload.js";
import { RESUMABLE_METHOD } from "./upload-api-routes.js";
import type { UploadSession } from "./upload-sessions.js";

export interface StorageRequest {
  req: IncomingMessage;
  res: ServerResponse;
  env: ServerEnv;
  /** The session the URL names, if it is still open. */
  session: UploadSession | undefined;
  fault: ActiveFault | undefined;
}

const FAULT_CODES: Record<number, string> = { 500: "InternalError", 503: "SlowDown" };

export function sendStorageError(req: IncomingMessage, res: ServerResponse, err: StorageError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = {
    ...err.headers,
    "content-length": String(Buffer.byteLength(err.body)),
  };
  if (!req.complete) {
    if (/100-continue/i.test(req.headers.expect ?? "")) headers.connection = "close";
    else lingerOnBody(req);
  }
  res.writeHead(err.status, headers);
  res.end(req.method === "HEAD" ? undefined : err.body);
}

export async function handleStorage(
  env: ServerEnv,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  pathname: string,
  query: URLSearchParams,
): Promise<void> {
  // <id>, <id>/parts/<n> or <id>/resumable
  const [id = "", kind, part, ...extra] = pathname.slice(STORAGE_PREFIX.length).split("/");
  const session = await env.uploads.forStorage(id);
  env.stats.recordRequest(method, pathname, session?.target.path);
  const fault = env.faults.take(method, pathname, session?.target.path);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.hang) {
    req.resume();
    return;
  }
  if (fault?.status !== undefined) {
    throw s3Error(
      fault.status,
      fault.errorCode ?? FAULT_CODES[fault.status] ?? "ServiceUnavailable",
      fault.message ?? `Injected fault: ${fault.status}`,
    );
  }
  const sr: StorageRequest = { req, res, env, session, fault };
  if (kind === "parts" && part !== undefined && extra.length === 0 && method === "PUT") {
    checkPresigned(env.signer, env.cloud, req, method, pathname, query);
    return putPart(sr, Number(part));
  }
  if (kind === undefined && method === "DELETE") {
    checkPresigned(env.signer, env.cloud, req, method, pathname, query);
    return abortMultipart(sr);
  }
  if (kind === "resumable" && part === undefined && (method === "PUT" || method === "DELETE")) {
    checkResumable(env, req, pathname, query);
    return method === "PUT" ? putResumable(sr) : abortResumable(sr);
  }
  throw s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
}

/** A session URI: signed, no extra header, valid as long as its session (GCS: a week). */
function checkResumable(
  env: ServerEnv,
  req: IncomingMessage,
  pathname: string,
  query: URLSearchParams,
): void {
  if (req.headers.authorization !== undefined) {
    throw s3Error(
      400,
      "InvalidArgument",
      "A session URI carries its own authorization; send no Authorization header.",
    );
  }
  const expiresAt = env.signer.verify(RESUMABLE_METHOD, pathname, query);
  if (expiresAt === undefined || Date.now() >= expiresAt) throw noSuchUpload();
}
