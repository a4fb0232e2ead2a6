// One page of the paged list route, turned from the upstream page into the JSON we answer with
// in one pass: directories first, then by name, each entry written straight into the response
// text (no second set of entry objects, no schema serializer walking them). On service-principal
// volumes this text is what the read cache keeps, so a cached page costs no per-entry work at all.
import type { DirectoryEntry, ListPage } from "../../databricks/list.js";

/** Shared through the cache: never mutated. */
export interface ServedListPage {
  /** The JSON array of shared/api/files.ts DirectoryEntry, as sent. */
  json: string;
  count: number;
  nextPageToken?: string;
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Directories first, then by name (numeric-aware, case-insensitive), then by code unit so ties are stable. */
export function compareEntries(a: DirectoryEntry, b: DirectoryEntry): number {
  return (
    Number(b.isDirectory) - Number(a.isDirectory) ||
    collator.compare(a.name, b.name) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/**
 * The entries in display order. Upstream pages usually arrive sorted by name already, so one
 * pass of neighbour comparisons (n - 1 collator calls) settles most pages; only a page out of
 * order pays for a sort, of a copy, since the page itself may be shared.
 */
export function inDisplayOrder(entries: readonly DirectoryEntry[]): readonly DirectoryEntry[] {
  for (let i = 1; i < entries.length; i++) {
    if (compareEntries(entries[i - 1] as DirectoryEntry, entries[i] as DirectoryEntry) > 0) {
      return [...entries].sort(compareEntries);
    }
  }
  return entries;
}

/** One entry as shared/api/files.ts DirectoryEntry JSON; sizes and times are finite numbers (list.ts checks). */
function entryJson(entry: DirectoryEntry): string {
  let json = `{"path":${JSON.stringify(entry.path)},"name":${JSON.stringify(entry.name)},"is_directory":${entry.isDirectory}`;
  if (entry.fileSize !== undefined) json += `,"file_size":${entry.fileSize}`;
  if (entry.lastModified !== undefined) json += `,"last_modified":${entry.lastModified}`;
  return `${json}}`;
}

export function servedListPage(page: ListPage): ServedListPage {
  const entries = inDisplayOrder(page.entries);
  let json = "[";
  for (let i = 0; i < entries.length; i++) {
    if (i > 0) json += ",";
    json += entryJson(entries[i] as DirectoryEntry);
  }
  const served: ServedListPage = { json: `${json}]`, count: entries.length };
  if (page.nextPageToken !== undefined) served.nextPageToken = page.nextPageToken;
  return served;
}
