// Request/response shapes of the chunked upload protocol, /api/files/:volume/uploads/*
// (docs/uploads.md). Every request after the first carries the token in `x-upload-token`
// (UPLOAD_TOKEN_HEADER, shared/http-headers.ts).
import Type, { type Static } from "typebox";

export const ChunkedUploadMode = Type.Union([
  Type.Literal("multipart"),
  Type.Literal("resumable"),
  Type.Literal("held-open"),
]);
export type ChunkedUploadMode = Static<typeof ChunkedUploadMode>;

/** POST /:volume/uploads */
export const StartUploadBody = Type.Object({
  path: Type.String({ minLength: 1, maxLength: 16_384 }),
  /** The file's exact size in bytes. */
  size: Type.Integer({ minimum: 1 }),
  overwrite: Type.Optional(Type.Boolean({ default: false })),
});
export type StartUploadBody = Static<typeof StartUploadBody>;

export const StartUploadResponse = Type.Object({
  token: Type.String(),
  mode: ChunkedUploadMode,
  path: Type.String(),
  size: Type.Integer(),
  /** Suggested; the client may adapt each chunk within [minChunkSize, maxChunkSize] (the last may be smaller). */
  chunkSize: Type.Integer(),
  minChunkSize: Type.Integer(),
  maxChunkSize: Type.Integer(),
  /** Every chunk but the last is a multiple of this. */
  chunkMultiple: Type.Integer(),
  /** Chunks of this file the client may have in flight (> 1 only for multipart). */
  parallel: Type.Integer(),
  /** No chunk for this long and the upload expires. */
  idleSeconds: Type.Integer(),
});
export type StartUploadResponse = Static<typeof StartUploadResponse>;

/** PUT /:volume/uploads/chunk?offset=&part= with the raw bytes. */
export const ChunkQuery = Type.Object({
  offset: Type.Integer({ minimum: 0 }),
  /** Multipart only: 1…10,000, increasing with the offset. */
  part: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});

export const ChunkResponse = Type.Object({
  offset: Type.Integer(),
  size: Type.Integer(),
  /** Bytes the server knows are stored (resumable, held-open); null in multipart mode. */
  committed: Type.Union([Type.Integer(), Type.Null()]),
  /** The same upload with its expiry pushed back: use the newest token from now on. */
  token: Type.String(),
  part: Type.Optional(Type.Integer()),
  /** Multipart: keep it, and send every receipt to complete. */
  receipt: Type.Optional(Type.String()),
});
export type ChunkResponse = Static<typeof ChunkResponse>;

/** GET /:volume/uploads/status */
export const UploadStatusResponse = Type.Object({
  mode: ChunkedUploadMode,
  path: Type.String(),
  size: Type.Integer(),
  committed: Type.Union([Type.Integer(), Type.Null()]),
});
export type UploadStatusResponse = Static<typeof UploadStatusResponse>;

/** POST /:volume/uploads/complete → UploadResponse (shared/api/files.ts). */
export const CompleteUploadBody = Type.Object({
  /** Multipart: every part's receipt. */
  parts: Type.Optional(Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 10_000 })),
});
export type CompleteUploadBody = Static<typeof CompleteUploadBody>;
