// The sealed upload token and the part receipts: what one app instance seals, another with the
// same secret opens (restart, second instance); nothing altered or foreign is accepted.
import { describe, expect, it } from "vitest";
import { AppError } from "../../../errors/app-error.js";
import { createUploadSealer, type UploadClaims } from "./upload-token.js";

const SECRET = { value: "s".repeat(40), source: "FILES_UPLOAD_SECRET" as const };
const claims: UploadClaims = {
  id: "upload-1",
  volume: "uploads",
  volumePath: "/Volumes/main/demo/uploads",
  path: "big/file.bin",
  user: "hash-of-alice",
  size: 10 * 1024 * 1024,
  overwrite: false,
  mode: "multipart",
  session: "upstream-session-token",
  created: 1,
  expires: 2,
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : "not an AppError";
  }
  return "no error";
};

describe("upload token", () => {
  it("opens on another instance with the same secret, and not with another", () => {
    const token = createUploadSealer(SECRET).seal(claims);
    expect(createUploadSealer(SECRET).open(token)).toEqual(claims);
    const other = createUploadSealer({ value: "o".repeat(40), source: "FILES_UPLOAD_SECRET" });
    expect(codeOf(() => other.open(token))).toBe("UPLOAD_TOKEN_INVALID");
    // A per-process key is its own: a restart cannot open what the last process sealed.
    const perProcess = createUploadSealer({ value: "", source: "per-process" });
    expect(perProcess.keySource).toBe("per-process");
    expect(
      codeOf(() => createUploadSealer({ value: "", source: "per-process" }).open(perProcess.seal(claims))),
    ).toBe("UPLOAD_TOKEN_INVALID");
  });

  it("hides what it carries and refuses any altered byte", () => {
    const sealer = createUploadSealer(SECRET);
    const token = sealer.seal(claims);
    expect(token.startsWith("v1.")).toBe(true);
    expect(Buffer.from(token.slice(3), "base64url").toString("latin1")).not.toContain(
      "upstream-session-token",
    );
    // Bytes, not characters: the last base64url character may carry bits the decoder drops.
    const raw = Buffer.from(token.slice(3), "base64url");
    for (const at of [0, Math.floor(raw.length / 2), raw.length - 1]) {
      const altered = Buffer.from(raw);
      altered[at] = (altered[at] as number) ^ 1;
      expect(codeOf(() => sealer.open(`v1.${altered.toString("base64url")}`))).toBe("UPLOAD_TOKEN_INVALID");
    }
    expect(codeOf(() => sealer.open(undefined))).toBe("UPLOAD_TOKEN_INVALID");
    expect(codeOf(() => sealer.open(`v2.${token.slice(3)}`))).toBe("UPLOAD_TOKEN_INVALID");
  });

  it("receipts are bound to their upload and cannot be edited", () => {
    const sealer = createUploadSealer(SECRET);
    const receipt = sealer.receipt("upload-1", { part: 2, offset: 5, size: 7, etag: '"abc"' });
    expect(sealer.readReceipt("upload-1", receipt)).toEqual({ part: 2, offset: 5, size: 7, etag: '"abc"' });
    expect(codeOf(() => sealer.readReceipt("upload-2", receipt))).toBe("UPLOAD_RECEIPT_INVALID");
    const [fields = "", mac = ""] = receipt.split(".");
    const edited = Buffer.from(JSON.stringify([2, 5, 70, '"abc"'])).toString("base64url");
    expect(codeOf(() => sealer.readReceipt("upload-1", `${edited}.${mac}`))).toBe("UPLOAD_RECEIPT_INVALID");
    expect(codeOf(() => sealer.readReceipt("upload-1", fields))).toBe("UPLOAD_RECEIPT_INVALID");
  });

  it("hashes a user the same way on every instance, and never as the raw id", () => {
    const a = createUploadSealer(SECRET).userHash("user:alice");
    expect(createUploadSealer(SECRET).userHash("user:alice")).toBe(a);
    expect(createUploadSealer(SECRET).userHash("user:bob")).not.toBe(a);
    expect(a).not.toContain("alice");
  });
});
