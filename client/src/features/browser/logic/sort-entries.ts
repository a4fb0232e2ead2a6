import type { DirectoryEntry } from "../../../../../shared/api/files";
import type { SortState } from "../../../lib/browse-url";

// Numeric collation puts file-2 before file-10, as people expect; ties (names that differ only
// in case or accents) fall back to code points so the order is total and stable.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Directories always come first, whatever the order; within each group by the sort key, with
 * the name (ascending) breaking ties. Entries without a size or time sort as the smallest/oldest.
 */
export function sortEntries(entries: readonly DirectoryEntry[], sort: SortState): DirectoryEntry[] {
  const sign = sort.order === "asc" ? 1 : -1;
  const byKey = (a: DirectoryEntry, b: DirectoryEntry): number => {
    if (sort.key === "size") return (a.file_size ?? -1) - (b.file_size ?? -1);
    if (sort.key === "modified") return (a.last_modified ?? -1) - (b.last_modified ?? -1);
    return 0;
  };
  return [...entries].sort((a, b) => {
    if (a.is_directory !== b.is_directory) return a.is_directory ? -1 : 1;
    // Ties on size or time read best alphabetically, whichever way the key runs.
    return sign * byKey(a, b) || (sort.key === "name" ? sign : 1) * compareNames(a.name, b.name);
  });
}

/** Case- and accent-insensitive substring match; blank filter keeps everything. */
export function filterEntries(entries: readonly DirectoryEntry[], filter: string): readonly DirectoryEntry[] {
  const needle = fold(filter.trim());
  if (needle === "") return entries;
  return entries.filter((e) => fold(e.name).includes(needle));
}

export function fold(text: string): string {
  // Most names are ASCII: skip Unicode normalisation, which dominates filtering 100k names.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at U+0000.
  if (/^[\u0000-\u007f]*$/.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

/** Clicking a header: a new key starts ascending (newest/largest first for time and size). */
export function nextSort(current: SortState, key: SortState["key"]): SortState {
  if (current.key === key) return { key, order: current.order === "asc" ? "desc" : "asc" };
  return { key, order: key === "name" ? "asc" : "desc" };
}
