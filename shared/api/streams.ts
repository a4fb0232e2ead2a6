// Streamed (NDJSON) answers of /api/files/:volume/{list-stream,search,folder-stats}: whole
// folders and whole trees, read by the server and sent as they arrive. Each response is
// `200 application/x-ndjson`, one JSON object per line; an error before the first byte is the
// usual JSON error (4xx/5xx, ApiErrorBody). A failure after the first byte is an `error` line,
// and every stream that completes ends with an `end` line: a stream that stops without one was
// cut off (network, server stop) and its answer is incomplete.
//
// The client imports only the types from here (import type): the query schemas are values and
// would bundle the schema library into the SPA.
import Type, { type Static } from "typebox";

export const NDJSON_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

/** A failure after the stream started: the answer so far is incomplete. */
export interface StreamErrorLine {
  type: "error";
  status: number;
  code: string;
  message: string;
}

// ── GET /:volume/list-stream?path= ────────────────────────────────────────────────────────

export const ListStreamQuery = Type.Object({ path: Type.Optional(Type.String({ maxLength: 16_384 })) });
export type ListStreamQuery = Static<typeof ListStreamQuery>;

/** [name, isDirectory (1) or file (0), size in bytes or null, last modified (epoch ms) or null] */
export type CompactEntry = [
  name: string,
  isDirectory: 0 | 1,
  size: number | null,
  lastModified: number | null,
];

export interface ListStartLine {
  type: "start";
  /** What the policy lets the caller do in this folder (as the list route's x-allowed-actions). */
  allowedActions: string[];
}

/** Up to ~1000 rows, in the Files API's order (not sorted: the client sorts the whole folder). */
export interface ListEntriesLine {
  type: "entries";
  entries: CompactEntry[];
}

export interface ListEndLine {
  type: "end";
  /** Entries sent in total. */
  read: number;
  /** True when the folder holds more than FILES_LIST_MAX_ENTRIES: the rest was not read. */
  truncated: boolean;
}

export type ListStreamLine = ListStartLine | ListEntriesLine | ListEndLine | StreamErrorLine;

// ── Walks: GET /:volume/search?path=&q= and GET /:volume/folder-stats?path= ──────────────────

/** Why a walk stopped before it covered the whole tree; null when it did. */
export type StoppedEarly = null | "folders" | "time" | "matches";

/** Counters every walk reports. */
export interface WalkCounts {
  /** Folders listed (the starting folder included). */
  foldersVisited: number;
  /** Folders the policy does not let the caller list: not entered, their contents never sent. */
  foldersSkipped: number;
  /** Folders whose listing failed (after the client's retries); each also has a folder-error line. */
  foldersFailed: number;
}

/** A folder the walk could not (fully) list: its contents are missing from the answer. */
export interface FolderErrorLine {
  type: "folder-error";
  /** Volume-relative folder path ('' is the volume root). */
  folder: string;
  status: number;
  code: string;
  message: string;
}

export const SearchQuery = Type.Object({
  path: Type.Optional(Type.String({ maxLength: 16_384 })),
  /**
   * Case-insensitive. A substring of the name, or a glob over the whole name when it holds
   * `*`, `?` or `[` (`*.csv`, `report-202?-*`, `[ab]*.txt`).
   */
  q: Type.String({ minLength: 1, maxLength: 500 }),
});
export type SearchQuery = Static<typeof SearchQuery>;

export interface SearchMatchLine {
  type: "match";
  /** Volume-relative path of the match. */
  path: string;
  /** Volume-relative path of the folder it is in ('' is the volume root). */
  folder: string;
  name: string;
  isDirectory: boolean;
  size: number | null;
  lastModified: number | null;
}

export interface SearchProgressLine extends WalkCounts {
  type: "progress";
  matches: number;
}

export interface SearchEndLine extends WalkCounts {
  type: "end";
  matches: number;
  stoppedEarly: StoppedEarly;
}

export type SearchStreamLine =
  | SearchMatchLine
  | SearchProgressLine
  | FolderErrorLine
  | SearchEndLine
  | StreamErrorLine;

export const FolderStatsQuery = Type.Object({ path: Type.Optional(Type.String({ maxLength: 16_384 })) });
export type FolderStatsQuery = Static<typeof FolderStatsQuery>;

export interface FolderTotals extends WalkCounts {
  /** Folders below the starting folder. */
  folders: number;
  /** Files below the starting folder, at any depth. */
  files: number;
  /** Sum of those files' sizes. */
  bytes: number;
}

export interface FolderStatsProgressLine extends FolderTotals {
  type: "progress";
}

export interface FolderStatsEndLine extends FolderTotals {
  type: "end";
  /** Never "matches" here. */
  stoppedEarly: StoppedEarly;
}

export type FolderStatsStreamLine =
  | FolderStatsProgressLine
  | FolderErrorLine
  | FolderStatsEndLine
  | StreamErrorLine;
