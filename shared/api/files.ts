// Request/response shapes of /api/files/:volume/*. Where AppKit's files plugin has the same
// route, the shape is AppKit's (snake_case directory entries from the Files API, `{ success }`
// results) so clients written for it keep working; our additions are extra fields.
import Type, { type Static } from "typebox";

/** One entry of a directory listing, as the Files API returns it. */
export const DirectoryEntry = Type.Object({
  /** Absolute: /Volumes/<c>/<s>/<v>/dir/name */
  path: Type.String(),
  name: Type.String(),
  is_directory: Type.Boolean(),
  /** Bytes; absent for directories. */
  file_size: Type.Optional(Type.Integer()),
  /** Epoch milliseconds; may be absent for directories. */
  last_modified: Type.Optional(Type.Integer()),
});
export type DirectoryEntry = Static<typeof DirectoryEntry>;

/**
 * GET /:volume/list?path=&pageSize=&pageToken= → DirectoryEntry[] (directories first, then by
 * name, within the page). When more entries follow, the response carries the opaque token in
 * the `x-next-page-token` header; pass it back as `pageToken`. Pages may be empty yet carry a
 * token: keep going until the header is absent.
 */
export const ListQuery = Type.Object({
  path: Type.Optional(Type.String()),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  /** Opaque; checked where the Files API is called (server/databricks/files-client.ts). */
  pageToken: Type.Optional(Type.String()),
});
export type ListQuery = Static<typeof ListQuery>;
export const ListResponse = Type.Array(DirectoryEntry);

export const PathQuery = Type.Object({ path: Type.String({ minLength: 1 }) });
export type PathQuery = Static<typeof PathQuery>;

/** GET /:volume/metadata?path= */
export const FileMetadata = Type.Object({
  contentLength: Type.Optional(Type.Integer()),
  contentType: Type.Optional(Type.String()),
  /** ISO 8601. */
  lastModified: Type.Optional(Type.String()),
});
export type FileMetadata = Static<typeof FileMetadata>;

/** GET /:volume/exists?path= (files and directories). */
export const ExistsResponse = Type.Object({
  exists: Type.Boolean(),
  /** Ours: what exists there. */
  type: Type.Optional(Type.Union([Type.Literal("file"), Type.Literal("directory")])),
});
export type ExistsResponse = Static<typeof ExistsResponse>;

export const PreviewKind = Type.Union([
  Type.Literal("text"),
  Type.Literal("markdown"),
  Type.Literal("json"),
  Type.Literal("jsonl"),
  Type.Literal("csv"),
  Type.Literal("tsv"),
  Type.Literal("parquet"),
  Type.Literal("notebook"),
  Type.Literal("image"),
  Type.Literal("pdf"),
  Type.Literal("audio"),
  Type.Literal("video"),
  Type.Literal("html"),
  Type.Literal("svg"),
  Type.Literal("binary"),
]);
export type PreviewKind = Static<typeof PreviewKind>;

/** GET /:volume/preview?path= : metadata plus the first bytes of text. */
export const FilePreview = Type.Object({
  contentLength: Type.Optional(Type.Integer()),
  contentType: Type.Optional(Type.String()),
  lastModified: Type.Optional(Type.String()),
  /** First portion of text content (UTF-8), or null for non-text files. */
  textPreview: Type.Union([Type.String(), Type.Null()]),
  isText: Type.Boolean(),
  isImage: Type.Boolean(),
  /** Ours: how the UI should preview it. */
  kind: PreviewKind,
  /** Ours: whether textPreview stops before the end of the file. */
  truncated: Type.Boolean(),
});
export type FilePreview = Static<typeof FilePreview>;

/** POST /:volume/upload?path=&overwrite= with a raw body. */
export const UploadQuery = Type.Object({
  path: Type.String({ minLength: 1 }),
  overwrite: Type.Optional(Type.Boolean({ default: false })),
});
export type UploadQuery = Static<typeof UploadQuery>;

export const SuccessResponse = Type.Object({ success: Type.Literal(true) });

export const UploadResponse = Type.Object({
  success: Type.Literal(true),
  path: Type.String(),
  size: Type.Integer(),
});
export type UploadResponse = Static<typeof UploadResponse>;

/**
 * POST /:volume/upload?path=<directory>&overwrite= with multipart/form-data: each file part is
 * written to <directory>/<its file name>; one result per part (the status is 200 when every part
 * succeeded, else 207 with the per-file outcome). A file name may hold sub-folders
 * (`sub/a.txt`, for folder uploads); it gets the same path rules as any path. `path` may be
 * empty or `/` for the volume root. A form with exactly one file that fails is answered like a
 * raw upload: that error's status (413, 409, 403, …) and the ApiErrorBody shape.
 */
export const MultipartUploadResult = Type.Object({
  name: Type.String(),
  path: Type.String(),
  status: Type.Union([
    Type.Literal("uploaded"),
    Type.Literal("conflict"),
    Type.Literal("too-large"),
    Type.Literal("denied"),
    Type.Literal("failed"),
  ]),
  size: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.String()),
});
/** Why a multipart form was not read to its end (a limit, a broken body). */
export const MultipartUploadStop = Type.Object({ code: Type.String(), message: Type.String() });
/**
 * A multipart upload's answer: one result per file part that was read, in form order, and each
 * says whether that file was written. `stopped` is present when the form was not read to its
 * end: no file after the last result was written (207, never a success).
 */
export const MultipartUploadResponse = Type.Object({
  success: Type.Boolean(),
  results: Type.Array(MultipartUploadResult),
  stopped: Type.Optional(MultipartUploadStop),
});
export type MultipartUploadResponse = Static<typeof MultipartUploadResponse>;

/** POST /:volume/mkdir with JSON { path } (mkdir -p; idempotent). */
export const MkdirBody = Type.Object({ path: Type.String({ minLength: 1 }) });

/**
 * DELETE /:volume?path=&recursive= : a file, an empty folder (a full one is 409
 * DIRECTORY_NOT_EMPTY), or with recursive=true a whole folder. 200 when everything went, 207 with
 * `failed` when some entries could not be removed (and their folders stay); when nothing could be
 * removed for one shared reason (e.g. a missing grant) the answer is that error instead.
 */
export const DeleteQuery = Type.Object({
  path: Type.String({ minLength: 1 }),
  recursive: Type.Optional(Type.Boolean({ default: false })),
});
export const DeleteFailure = Type.Object({
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
});
export const DeleteResponse = Type.Object({
  success: Type.Boolean(),
  /** Ours, for recursive deletes: how many files and directories were removed. */
  deleted: Type.Optional(Type.Integer()),
  failed: Type.Optional(Type.Array(DeleteFailure)),
});
export type DeleteResponse = Static<typeof DeleteResponse>;

/**
 * POST /:volume/move with JSON { from, to, overwrite? }: rename or move a file or folder within the
 * volume (copy, then delete each source file whose copy completed). 409 when something exists at
 * `to` and overwrite is false; 200 when all moved, 207 with `failed` listing sources that stayed.
 */
export const MoveBody = Type.Object({
  from: Type.String({ minLength: 1 }),
  to: Type.String({ minLength: 1 }),
  overwrite: Type.Optional(Type.Boolean({ default: false })),
});
export const MoveResponse = Type.Object({
  success: Type.Boolean(),
  from: Type.String(),
  to: Type.String(),
  /** Files copied (a directory move copies each file, then deletes the source). */
  moved: Type.Integer(),
  failed: Type.Optional(Type.Array(DeleteFailure)),
});
export type MoveResponse = Static<typeof MoveResponse>;

/**
 * POST /:volume/copy with JSON { from, to, toVolume?, overwrite? }: duplicate a file or a folder
 * (with everything in it) from this volume to `to` in `toVolume` (default: this volume), each
 * file streamed through the server. Needs `read` at the source and `upload` (files) / `mkdir`
 * (folders) at the destination, each volume in its own auth mode. 409 when something exists at
 * `to` and overwrite is false; a file that fails is never left half-written at the destination.
 * 200 when all was copied, 207 with `failed` (source paths) when some entries could not be.
 */
export const CopyBody = Type.Object({
  from: Type.String({ minLength: 1, maxLength: 16_384 }),
  to: Type.String({ minLength: 1, maxLength: 16_384 }),
  toVolume: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  overwrite: Type.Optional(Type.Boolean({ default: false })),
});
export type CopyBody = Static<typeof CopyBody>;
export const CopyResponse = Type.Object({
  success: Type.Boolean(),
  from: Type.String(),
  to: Type.String(),
  toVolume: Type.String(),
  /** Files copied. */
  copied: Type.Integer(),
  failed: Type.Optional(Type.Array(DeleteFailure)),
});
export type CopyResponse = Static<typeof CopyResponse>;

/**
 * GET /:volume/zip?path=a&path=b&name= → application/zip streamed (files and whole folders; the
 * server never holds the archive in memory). Bad path 400, policy 403 and missing 404 come before
 * the first byte; a file that cannot be opened later is left out and listed in a
 * DOWNLOAD-ERRORS.txt entry at the end of the archive. At most 100 paths.
 */
export const ZipQuery = Type.Object({
  path: Type.Union([
    Type.String({ minLength: 1 }),
    Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  ]),
  name: Type.Optional(Type.String({ maxLength: 200 })),
});
