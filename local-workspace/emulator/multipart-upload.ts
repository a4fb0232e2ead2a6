// The store's side of a multipart upload (S3 UploadPart / AbortMultipartUpload semantics):
//   PUT    /__storage/<id>/parts/<n>?expires=&signature=   raw bytes → 200 + ETag (quoted MD5)
//   DELETE /__storage/<id>?expires=&signature=             → 204, staging removed
// A part is streamed to its own file in the session's staging directory (never held in memory);
// uploading a part number again replaces it, as on S3.
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { BodyIncompleteError, BodyTooLargeError, discard, stageBody } from "./atomic-write.js";
import { s3Error } from "./presigned.js";
import type { StorageRequest } from "./storage-routes.js";
import { MAX_PARTS } from "./upload-api-routes.js";

export const noSuchUpload = () =>
  s3Error(
    404,
    "NoSuchUpload",
    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
  );

/** S3's largest part. */
export const MAX_PART_BYTES = 5 * 1024 ** 3;

export async function putPart(sr: StorageRequest, partNumber: number): Promise<void> {
  const { req, res, env, session } = sr;
  if (session?.kind !== "multipart" || session.state !== "open") throw noSuchUpload();
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS) {
    throw s3Error(
      400,
      "InvalidArgument",
      `Part number must be an integer between 1 and ${MAX_PARTS}, inclusive`,
    );
  }
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    throw s3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
  }
  const maxBytes = Math.min(MAX_PART_BYTES, env.maxPutBytes);
  if (Number(declared) > maxBytes) {
    throw s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", {
      MaxSizeAllowed: String(maxBytes),
    });
  }
  if (req.headers.expect?.toLowerCase() === "100-continue") res.writeContinue();

  const md5 = createHash("md5");
  let staged: Awaited<ReturnType<typeof stageBody>>;
  try {
    staged = await stageBody(req, {
      stagingDir: session.dir,
      maxBytes,
      resetAfterBytes: sr.fault?.resetAfterBytes,
      onBytes: (n) => env.stats.recordReceived(session.target.path, n),
      onChunk: (chunk) => md5.update(chunk),
    });
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      throw s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
    if (err instanceof BodyIncompleteError || req.destroyed) {
      env.log(`PUT part ${partNumber} of ${session.target.path}: body incomplete, part not stored`);
      res.destroy();
      return;
    }
    // Aborted or expired while the part streamed in: its directory is gone.
    if (session.state !== "open") throw noSuchUpload();
    throw err;
  }
  // Aborted, expired or being completed meanwhile: the part is not taken.
  if (session.state !== "open") {
    await discard(staged.tempPath);
    throw noSuchUpload();
  }
  const etag = `"${md5.digest("hex")}"`;
  const replaced = session.parts.get(partNumber);
  session.parts.set(partNumber, { etag, size: staged.size, file: staged.tempPath });
  if (replaced) await rm(replaced.file, { force: true });
  res.writeHead(200, { etag, "content-length": "0" });
  res.end();
}

export async function abortMultipart(sr: StorageRequest): Promise<void> {
  const { res, env, session } = sr;
  if (session?.kind !== "multipart" || session.state !== "open") throw noSuchUpload();
  await env.uploads.end(session, "aborted");
  res.writeHead(204);
  res.end();
}
