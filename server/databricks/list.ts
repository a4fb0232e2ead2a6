// Directory listing pages: parsing the upstream JSON, and paging through a whole directory.
// The SDK's listDirectoryContents stops at the first empty page even when a token follows
// (docs/databricks-files-api.md, SDK trap 6), so paging is explicit here.
import { UpstreamError } from "./upstream-error.js";

export interface DirectoryEntry {
  path: string;
  name: string;
  isDirectory: boolean;
  fileSize?: number;
  /** Epoch milliseconds. */
  lastModified?: number;
}

export interface ListPage {
  entries: DirectoryEntry[];
  nextPageToken?: string;
}

const malformed = (detail: string) =>
  new UpstreamError(
    502,
    "UPSTREAM_ERROR",
    `The Databricks Files API sent a malformed directory listing (${detail}).`,
  );

function parseEntry(raw: unknown): DirectoryEntry {
  if (typeof raw !== "object" || raw === null) throw malformed("entry is not an object");
  const r = raw as Record<string, unknown>;
  if (typeof r.path !== "string" || !r.path.startsWith("/Volumes/"))
    throw malformed("entry without a volume path");
  const name = typeof r.name === "string" && r.name ? r.name : r.path.slice(r.path.lastIndexOf("/") + 1);
  const entry: DirectoryEntry = { path: r.path, name, isDirectory: r.is_directory === true };
  if (typeof r.file_size === "number" && Number.isFinite(r.file_size)) entry.fileSize = r.file_size;
  if (typeof r.last_modified === "number" && Number.isFinite(r.last_modified))
    entry.lastModified = r.last_modified;
  return entry;
}

/** What a page token can be: what files-client accepts back, and what a header can carry. */
export const PAGE_TOKEN = /^[\x21-\x7e]{1,4096}$/;

export function parseListPage(text: string): ListPage {
  let json: unknown;
  try {
    // An empty directory may answer with an empty body or `{}`.
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch (err) {
    throw malformed(`invalid JSON: ${(err as Error).message.slice(0, 80)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw malformed("not an object");
  const record = json as Record<string, unknown>;
  const contents = record.contents ?? [];
  if (!Array.isArray(contents)) throw malformed("contents is not an array");
  const page: ListPage = { entries: contents.map(parseEntry) };
  if (typeof record.next_page_token === "string" && record.next_page_token !== "") {
    // It goes back to clients in a header and comes back as a query value: only a token that
    // survives both (visible ASCII, bounded) is usable; anything else is the upstream's fault.
    if (!PAGE_TOKEN.test(record.next_page_token)) throw malformed("next_page_token is not a usable token");
    page.nextPageToken = record.next_page_token;
  }
  return page;
}

export interface ListAllOptions {
  signal?: AbortSignal;
  /** Stop after this many entries; the generator then returns `{ truncated: true }`. */
  maxEntries?: number;
  pageSize?: number;
  /** Guards against an upstream that hands out tokens forever; default 10,000 pages. */
  maxPages?: number;
}

export interface PageSource {
  listPage(
    dirPath: string,
    opts?: { signal?: AbortSignal; pageSize?: number; pageToken?: string },
  ): Promise<ListPage>;
}

/** Yields every entry of a directory, following tokens through empty pages. */
export async function* listAll(
  client: PageSource,
  dirPath: string,
  options: ListAllOptions = {},
): AsyncGenerator<DirectoryEntry, { truncated: boolean }, undefined> {
  const maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
  const maxPages = options.maxPages ?? 10_000;
  let yielded = 0;
  let pageToken: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await client.listPage(dirPath, {
      signal: options.signal,
      pageSize: options.pageSize,
      pageToken,
    });
    for (const entry of page.entries) {
      if (yielded >= maxEntries) return { truncated: true };
      yield entry;
      yielded++;
    }
    if (!page.nextPageToken) return { truncated: false };
    if (yielded >= maxEntries) return { truncated: true };
    pageToken = page.nextPageToken;
  }
  throw new UpstreamError(
    502,
    "UPSTREAM_ERROR",
    `The directory listing did not end after ${maxPages} pages.`,
  );
}
