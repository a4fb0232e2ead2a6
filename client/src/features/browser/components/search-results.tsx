// Results of a search into subfolders: each hit with the folder it lives in, streamed in as the
// server walks the tree. A hit is a link to its folder with the hit selected (?file=), so it
// opens in place and can be opened in a new tab. The header says how far the walk has got, has
// Stop, and says plainly when the answer is not the whole tree (stopped, limits, folders skipped).

import type { SearchMatchLine } from "@shared/api/streams";
import { formatSize } from "@shared/sizes";
import { useVirtualizer } from "@tanstack/react-virtual";
import { CircleAlert, Search, Square } from "lucide-react";
import { useRef } from "react";
import { browseHref, type SortState } from "@/lib/browse-url";
import { errorLine } from "@/lib/describe-error";
import { Link } from "@/lib/router";
import { entryKind } from "../logic/entry-kind";
import { formatCompactTime } from "../logic/format-time";
import type { TreeSearch } from "../use-tree-search";
import { EntryIcon } from "./entry-icon";

const HIT_HEIGHT = 52;

interface SearchResultsProps {
  volume: string;
  folderLabel: string;
  sort: SortState;
  search: TreeSearch & { stop: () => void };
  /** A hit was opened: the browser goes back to the listing (needed when the hit is in this folder). */
  onOpenHit: () => void;
}

const LIMITS = {
  folders: "the most folders one search may list",
  time: "its time limit",
  matches: "the most matches one search returns",
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

function Summary({ search }: { search: SearchResultsProps["search"] }) {
  const { progress, matches } = search;
  const visited = plural(progress.foldersVisited, "folder");
  const found = plural(matches.length, "match", "matches");
  if (search.running)
    return (
      <>
        Searching… {visited} searched, {found} so far
      </>
    );
  if (search.error !== undefined)
    return (
      <>
        Search failed after {visited}: {errorLine(search.error)}
      </>
    );
  if (search.stopped)
    return (
      <>
        Stopped: {found} in the {visited} searched before Stop
      </>
    );
  return (
    <>
      {found} in {visited}
    </>
  );
}

export function SearchResults({ volume, folderLabel, sort, search, onOpenHit }: SearchResultsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: search.matches.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HIT_HEIGHT,
    overscan: 8,
  });
  const { progress, end } = search;
  const notes: string[] = [];
  if (end?.stoppedEarly)
    notes.push(`The search stopped early, at ${LIMITS[end.stoppedEarly]}: there may be more matches.`);
  if (search.stopped) notes.push("You stopped the search: folders not yet searched may hold more matches.");
  if (progress.foldersSkipped > 0)
    notes.push(
      `${plural(progress.foldersSkipped, "folder")} you may not list ${progress.foldersSkipped === 1 ? "was" : "were"} not searched.`,
    );
  if (search.folderErrors.length > 0)
    notes.push(
      `${plural(search.folderErrors.length, "folder")} could not be read: ${search.folderErrors
        .slice(0, 3)
        .map((e) => e.folder || "/")
        .join(", ")}${search.folderErrors.length > 3 ? ", …" : ""}.`,
    );

  return (
    <section
      className="search-results"
      aria-label={`Search results in ${folderLabel} and its subfolders`}
      data-testid="search-results"
    >
      <div className="search-summary">
        <Search size={14} aria-hidden="true" />
        <span data-testid="search-status" data-running={search.running ? "true" : "false"}>
          <Summary search={search} />
        </span>
        {/* Read out once, when the search ends: progress every 250 ms would drown everything else. */}
        <span className="visually-hidden" role="status">
          {!search.running && <Summary search={search} />}
        </span>
        {search.running && (
          <button type="button" className="btn btn-small" onClick={search.stop} data-testid="search-stop">
            <Square size={12} aria-hidden="true" /> Stop
          </button>
        )}
      </div>
      {notes.map((note) => (
        <div key={note} className="banner" role="note" data-testid="search-note">
          <CircleAlert size={14} aria-hidden="true" />
          <span>{note}</span>
        </div>
      ))}
      {search.matches.length === 0 && !search.running ? (
        <p className="muted search-empty" data-testid="search-empty">
          Nothing named like “{search.query}” in {folderLabel} or its subfolders
          {end?.stoppedEarly || search.stopped ? " (as far as the search got)" : ""}.
        </p>
      ) : (
        <div ref={scrollRef} className="search-list">
          <ul
            className="search-list-body"
            style={{ height: virtualizer.getTotalSize() }}
            onKeyDown={(event) => {
              if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
              const item = (event.target as HTMLElement).closest("li");
              const next =
                event.key === "ArrowDown" ? item?.nextElementSibling : item?.previousElementSibling;
              const link = next?.querySelector<HTMLElement>("a");
              if (link) {
                event.preventDefault();
                link.focus();
              }
            }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const hit = search.matches[item.index] as SearchMatchLine;
              return (
                <li
                  key={hit.path}
                  className="search-hit"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <Link
                    href={browseHref(volume, hit.folder, { sort, file: hit.name })}
                    className="search-hit-link"
                    data-testid="search-hit"
                    data-path={hit.path}
                    onClick={onOpenHit}
                  >
                    <EntryIcon kind={entryKind(hit.name, hit.isDirectory)} />
                    <span className="search-hit-text">
                      <span className="search-hit-name">{hit.name}</span>
                      <span className="search-hit-folder" data-testid="search-hit-folder">
                        in {hit.folder === "" ? `${volume} (the volume's root)` : `${volume}/${hit.folder}`}
                      </span>
                    </span>
                    <span className="search-hit-meta">
                      {hit.isDirectory || hit.size === null ? "Folder" : formatSize(hit.size)}
                      {hit.lastModified !== null && (
                        <span className="search-hit-time"> · {formatCompactTime(hit.lastModified)}</span>
                      )}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
