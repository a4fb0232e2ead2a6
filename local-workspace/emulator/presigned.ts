// Presigned storage URLs: what `create-upload-part-urls`, `create-abort-upload-url` and
// `create-resumable-upload-url` hand out. They point at the emulator's own stand-in for the cloud
// store (`/__storage/…`, storage-routes.ts), carry no workspace credentials, and are valid only
// with their HMAC signature, before their expiry, for their HTTP method and with the headers the
// answer listed — like an S3/ADLS presigned URL or a GCS session URI.
// The XML errors are the stores' own shapes, which clients recognise (databricks-sdk-py
// `FilesExt._is_url_expired_response`, databricks/sdk/mixins/files.py).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Cloud } from "./cloud.js";

export const STORAGE_PREFIX = "/__storage/";

/** One header a presigned URL requires, in the Files API's `{name, value}` shape. */
export interface RequiredHeader {
  name: string;
  value: string;
}

/**
 * The header every presigned URL of this emulator requires (and "signs"), so a client that drops
 * the `headers` of the answer fails here as it would on the store. One per cloud, in its style.
 */
export function requiredHeader(cloud: Cloud): RequiredHeader {
  switch (cloud) {
    case "aws":
      return { name: "x-amz-server-side-encryption", value: "AES256" };
    case "azure":
      return { name: "x-ms-blob-type", value: "BlockBlob" };
    case "gcp":
      return { name: "x-goog-meta-databricks-upload", value: "1" };
  }
}

export class UrlSigner {
  private readonly key = randomBytes(32);

  /** `pathname?expires=<unix seconds>&signature=<hmac>`, valid for `method` until `expiresAt`. */
  sign(method: string, pathname: string, expiresAt: number): string {
    const expires = Math.floor(expiresAt / 1000);
    return `${pathname}?expires=${expires}&signature=${this.mac(method, pathname, expires)}`;
  }

  /** Checks the signature; returns the expiry (ms) it vouches for, or undefined when forged or altered. */
  verify(method: string, pathname: string, query: URLSearchParams): number | undefined {
    const expires = Number(query.get("expires"));
    const given = Buffer.from(query.get("signature") ?? "");
    if (!Number.isInteger(expires) || given.length === 0) return undefined;
    const expected = Buffer.from(this.mac(method, pathname, expires));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return expires * 1000;
  }

  private mac(method: string, pathname: string, expires: number): string {
    return createHmac("sha256", this.key).update(`${method}\n${pathname}\n${expires}`).digest("base64url");
  }
}

/** An answer of the storage stand-in: a status, an XML (or empty) body and headers. */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`storage ${status}`);
  }
}

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c,
  );

const requestId = () => randomBytes(8).toString("hex").toUpperCase();

/** `<Error><Code>…</Code><Message>…</Message>…</Error>` as S3 and GCS's XML API write it. */
export function s3Error(status: number, code: string, message: string, extra: Record<string, string> = {}) {
  const fields = Object.entries({ ...extra, RequestId: requestId() })
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join("");
  return new StorageError(
    status,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${fields}</Error>`,
    { "content-type": "application/xml" },
  );
}

function azureAuthError(detail: string): StorageError {
  const message =
    "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\n" +
    `RequestId:${requestId()}\nTime:${new Date().toISOString()}`;
  return new StorageError(
    403,
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>${xmlEscape(message)}</Message><AuthenticationErrorDetail>${xmlEscape(detail)}</AuthenticationErrorDetail></Error>`,
    { "content-type": "application/xml" },
  );
}

/** 403 "the URL expired": AWS `AccessDenied` / "Request has expired"; Azure `AuthenticationFailed`. */
export function expiredUrl(cloud: Cloud, expiredAt: number, now = Date.now()): StorageError {
  if (cloud === "azure") {
    const http = (ms: number) => new Date(ms).toUTCString();
    return azureAuthError(
      `Signature not valid in the specified time frame: Start [${http(expiredAt - 3600_000)}] - Expiry [${http(expiredAt)}] - Current [${http(now)}]`,
    );
  }
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
  return s3Error(403, "AccessDenied", "Request has expired", {
    "X-Amz-Expires": String(Math.max(0, Math.round((expiredAt - now) / 1000))),
    Expires: iso(expiredAt),
    ServerTime: iso(now),
  });
}

/** 403 for a forged or altered URL, or a required header missing or changed. */
export function badSignature(cloud: Cloud): StorageError {
  if (cloud === "azure") {
    return azureAuthError("Signature did not match. String to sign used was the request's canonical form.");
  }
  return s3Error(
    403,
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  );
}

/**
 * A presigned URL carries its own authorization; sending a workspace token along is refused (S3:
 * "Only one auth mechanism allowed"), which also keeps clients from leaking tokens to the store.
 */
export function rejectAuthorizationHeader(req: IncomingMessage): void {
  if (req.headers.authorization === undefined) return;
  throw s3Error(
    400,
    "InvalidArgument",
    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
    { ArgumentName: "Authorization" },
  );
}

/** Verifies signature, expiry and the required header of a storage request. */
export function checkPresigned(
  signer: UrlSigner,
  cloud: Cloud,
  req: IncomingMessage,
  method: string,
  pathname: string,
  query: URLSearchParams,
  now = Date.now(),
): void {
  rejectAuthorizationHeader(req);
  const expiresAt = signer.verify(method, pathname, query);
  if (expiresAt === undefined) throw badSignature(cloud);
  if (now >= expiresAt) throw expiredUrl(cloud, expiresAt, now);
  const header = requiredHeader(cloud);
  if (req.headers[header.name] !== header.value) throw badSignature(cloud);
}
