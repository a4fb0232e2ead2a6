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
  pageToken: Type.Optional(Type.String({ maxLength: 4096 })),
});
export type ListQuery = Static<typeof ListQuery>;
export const ListResponse = Type.Array(DirectoryEntry);
export const NEXT_PAGE_TOKEN_HEADER = "x-next-page-token";

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
 * succeeded, else 207 with the per-file outcome).
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
export const MultipartUploadResponse = Type.Object({
  success: Type.Boolean(),
  results: Type.Array(MultipartUploadResult),
});
export type MultipartUploadResponse = Static<typeof MultipartUploadResponse>;

/** POST /:volume/mkdir with JSON { path } (mkdir -p; idempotent). */
export const MkdirBody = Type.Object({ path: Type.String({ minLength: 1 }) });

/** DELETE /:volume?path=&recursive= */
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

/** POST /:volume/move with JSON { from, to, overwrite? }: rename or move within the volume. */
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
 * GET /:volume/zip?path=a&path=b → application/zip streamed (files and whole folders; the
 * server never holds the archive in memory).
 */
export const ZipQuery = Type.Object({
  path: Type.Union([
    Type.String({ minLength: 1 }),
    Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  ]),
  name: Type.Optional(Type.String({ maxLength: 200 })),
});
