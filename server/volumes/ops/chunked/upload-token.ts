// The upload token: everything needed to continue an upload, sealed (AES-256-GCM) so the client
// can carry it but neither read nor alter it, and any app instance holding the same secret can
// continue the upload after a restart. Receipts (one per multipart part) are HMAC-signed so the
// client can keep them and hand them back at commit without being able to forge an ETag.
// docs/uploads.md#the-token.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import type { PresignedUrl } from "../../../databricks/large-upload-api.js";
import { AppError } from "../../../errors/app-error.js";
import { uploadReceiptInvalid, uploadTokenInvalid } from "../../../errors/catalogue.js";

export type ChunkedMode = "multipart" | "resumable" | "held-open";

export interface UploadClaims {
  /** Random id of this upload: binds receipts and the held-open session to it. */
  id: string;
  volume: string;
  /** The volume's `/Volumes/…` path when the upload started: a reconfigured volume refuses it. */
  volumePath: string;
  /** Volume-relative path of the file. */
  path: string;
  /** A hash of the caller's identity (never a credential). */
  user: string;
  size: number;
  overwrite: boolean;
  mode: ChunkedMode;
  /** The Files API's session token (multipart, resumable). */
  session?: string;
  /** The resumable session URL (a credential for the store: it never leaves the seal). */
  resumableUrl?: PresignedUrl;
  /** Held-open: the process (instance) that holds the open PUT. */
  instance?: string;
  created: number;
  /** Epoch ms; pushed back by every chunk (FILES_UPLOAD_IDLE_MINUTES). */
  expires: number;
}

export interface Receipt {
  part: number;
  offset: number;
  size: number;
  etag: string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_TOKEN_CHARS = 8192;

export interface UploadSealer {
  /** Where the key came from, for diagnostics and docs: a shared secret survives restarts. */
  readonly keySource: "FILES_UPLOAD_SECRET" | "DATABRICKS_CLIENT_SECRET" | "per-process";
  seal(claims: UploadClaims): string;
  /** Throws 400 UPLOAD_TOKEN_INVALID unless the token was sealed with this key and is intact. */
  open(token: string | undefined): UploadClaims;
  receipt(uploadId: string, receipt: Receipt): string;
  /** Throws 400 UPLOAD_RECEIPT_INVALID unless the receipt is this upload's and intact. */
  readReceipt(uploadId: string, text: unknown): Receipt;
  /** A stable hash of who the caller is; the same for every instance sharing the secret. */
  userHash(id: string): string;
}

function isClaims(value: unknown): value is UploadClaims {
  const c = value as Partial<UploadClaims> | null;
  return (
    typeof c === "object" &&
    c !== null &&
    typeof c.id === "string" &&
    typeof c.volume === "string" &&
    typeof c.volumePath === "string" &&
    typeof c.path === "string" &&
    typeof c.user === "string" &&
    Number.isSafeInteger(c.size) &&
    typeof c.overwrite === "boolean" &&
    (c.mode === "multipart" || c.mode === "resumable" || c.mode === "held-open") &&
    Number.isSafeInteger(c.created) &&
    Number.isSafeInteger(c.expires)
  );
}

export function createUploadSealer(configured: {
  value: string;
  source: UploadSealer["keySource"];
}): UploadSealer {
  const keySource = configured.source;
  const secret = configured.value || randomBytes(32).toString("base64");
  // Separate keys per use (HKDF info), so a receipt MAC can never be mistaken for anything sealed.
  const derive = (info: string) =>
    Buffer.from(hkdfSync("sha256", secret, "volumes-browser chunked uploads", info, 32));
  const sealKey = derive("upload-token v1");
  const receiptKey = derive("part-receipt v1");
  const userKey = derive("user-hash v1");

  const mac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest("base64url");

  return {
    keySource,
    seal(claims) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", sealKey, iv);
      cipher.setAAD(Buffer.from(VERSION));
      const body = Buffer.concat([cipher.update(JSON.stringify(claims), "utf8"), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
    },
    open(token) {
      if (typeof token !== "string" || token.length > MAX_TOKEN_CHARS || !token.startsWith(`${VERSION}.`)) {
        throw uploadTokenInvalid();
      }
      const raw = Buffer.from(token.slice(VERSION.length + 1), "base64url");
      if (raw.length < IV_BYTES + TAG_BYTES + 2) throw uploadTokenInvalid();
      try {
        const decipher = createDecipheriv("aes-256-gcm", sealKey, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(VERSION));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const text = Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
        const claims: unknown = JSON.parse(text);
        if (!isClaims(claims)) throw uploadTokenInvalid();
        return claims;
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw uploadTokenInvalid();
      }
    },
    receipt(uploadId, r) {
      const fields = Buffer.from(JSON.stringify([r.part, r.offset, r.size, r.etag])).toString("base64url");
      return `${fields}.${mac(receiptKey, `${uploadId}.${fields}`)}`;
    },
    readReceipt(uploadId, text) {
      if (typeof text !== "string" || text.length > 1024) throw uploadReceiptInvalid();
      const [fields = "", given = ""] = text.split(".");
      const expected = mac(receiptKey, `${uploadId}.${fields}`);
      if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
        throw uploadReceiptInvalid();
      }
      const parsed: unknown = JSON.parse(Buffer.from(fields, "base64url").toString("utf8"));
      if (!Array.isArray(parsed) || parsed.length !== 4) throw uploadReceiptInvalid();
      const [part, offset, size, etag] = parsed as unknown[];
      if (!Number.isSafeInteger(part) || !Number.isSafeInteger(offset) || !Number.isSafeInteger(size)) {
        throw uploadReceiptInvalid();
      }
      if (typeof etag !== "string") throw uploadReceiptInvalid();
      return { part: part as number, offset: offset as number, size: size as number, etag };
    },
    userHash(id) {
      return createHash("sha256").update(userKey).update(id).digest("base64url").slice(0, 32);
    },
  };
}
