// One folder of one volume: location, toolbar, the listing (with its states), details and the
// dialogs for its actions. Upload controls, drop handling and the preview pane come from the
// app, which composes the features; this one never imports them.

import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { baseName, childPath, joinVolumePath, parentOf } from "@shared/paths";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { filesUrl } from "@/api/files/urls";
import { useFolderAccess } from "@/api/folder-access";
import { queryKeys } from "@/api/query-keys";
import { announce } from "@/lib/announcer";
import { browseHref, type SortKey, type SortState } from "@/lib/browse-url";
import { navigate } from "@/lib/router";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { TOUCH_LAYOUT, useMediaQuery } from "@/lib/use-media-query";
import { can, denyReason, uploadLimitLabel } from "@/lib/volume-access";
import { arriveAt, clearArrival, peekArrival } from "./arrival";
import { DetailsPanel, type PreviewSlotProps } from "./components/details-panel";
import { DropZone } from "./components/drop-zone";
import type { FileGridHandle } from "./components/file-grid";
import { ListingArea } from "./components/listing-area";
import { LocationBar } from "./components/location-bar";
import { RowMenu } from "./components/row-menu";
import { SearchResults } from "./components/search-results";
import { StatusBar } from "./components/status-bar";
import { Toolbar } from "./components/toolbar";
import { BrowserDialogs, type DialogState } from "./dialogs/browser-dialogs";
import { EMPTY_SELECTION, selectionReducer } from "./logic/selection";
import { filterEntries, nextSort, sortEntries } from "./logic/sort-entries";
import { canThumbnail } from "./logic/thumbnails";
import { useDetailsPreference } from "./use-details-preference";
import { useDirectory } from "./use-directory";
import { useRowActions } from "./use-row-actions";
import { useRowMenu } from "./use-row-menu";
import { useTreeSearch } from "./use-tree-search";
import { useViewPreference } from "./use-view-preference";

export interface FileBrowserProps {
  volume: VolumeInfo;
  volumes: VolumeInfo[];
  path: string;
  file?: string;
  sort: SortState;
  /** Upload buttons for this folder, given the volume as seen from it (its allowed actions). */
  renderUploadControls?: (here: VolumeInfo) => ReactNode;
  /** Files dropped onto the listing (or onto a folder row, then `targetDir` is that folder). */
  onDropFiles?: (here: VolumeInfo, targetDir: string, dataTransfer: DataTransfer) => void;
  renderPreview?: (props: PreviewSlotProps) => ReactNode;
}

export function FileBrowser(props: FileBrowserProps) {
  const { path, sort, file } = props;
  const client = useQueryClient();
  const dir = useDirectory(props.volume.key, props.volume.path, path);
  // What this caller may do here, in this folder (the policy may differ from the root's).
  const volume = useFolderAccess(props.volume, path);
  const [filter, setFilter] = useState("");
  // "tree": the box searches this folder and everything under it instead of filtering.
  const [scope, setScope] = useState<"folder" | "tree">("folder");
  const search = useTreeSearch(volume.key, path, useDebouncedValue(scope === "tree" ? filter : "", 300));
  const searching = scope === "tree" && filter.trim() !== "";
  const [selection, dispatch] = useReducer(selectionReducer, EMPTY_SELECTION);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [detailsOpen, setDetailsOpen] = useDetailsPreference();
  const [view, setView] = useViewPreference();
  const touchLayout = useMediaQuery(TOUCH_LAYOUT);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const gridRef = useRef<FileGridHandle>(null);
  const [initialArrival] = useState(() => peekArrival(volume.key, path));
  const arrival = useRef(initialArrival);
  useEffect(() => clearArrival(volume.key, path), [volume.key, path]);

  const { complete } = dir;
  const sorted = useMemo(() => sortEntries(dir.entries, sort), [dir.entries, sort]);
  const rows = useMemo(
    () => filterEntries(sorted, scope === "folder" ? filter : ""),
    [sorted, filter, scope],
  );
  const rowNames = useMemo(() => rows.map((r) => r.name), [rows]);
  const selected = useMemo(
    () => rows.filter((r) => selection.selected.has(r.name)),
    [rows, selection.selected],
  );
  const relPathOf = useCallback((entry: DirectoryEntry) => childPath(path, entry.name), [path]);
  const folderAbsolute = joinVolumePath(volume.path, path);
  const folderName = path === "" ? volume.key : baseName(path);

  useEffect(() => dispatch({ type: "prune", names: rowNames }), [rowNames]);

  // A deep-linked file may arrive late in a big folder: it is missing only once all is read.
  const fileMissing = file !== undefined && complete && !dir.entries.some((e) => e.name === file);

  // Select (and reveal) the file named in the URL, and restore focus after keyboard navigation.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    const wanted = file ?? arrival.current?.activeName;
    if (!wanted || revealed.current === wanted || !rowNames.includes(wanted)) return;
    revealed.current = wanted;
    // The folder we came back from is selected once, not again whenever ?file= goes away.
    if (file === undefined && arrival.current) {
      const { activeName: _shown, ...rest } = arrival.current;
      arrival.current = rest;
    }
    dispatch({ type: "select", names: [wanted] });
    requestAnimationFrame(() => gridRef.current?.scrollToName(wanted));
  }, [file, rowNames]);
  useEffect(() => {
    if (arrival.current?.focusGrid && dir.isSuccess) {
      arrival.current = { ...arrival.current, focusGrid: false };
      requestAnimationFrame(() => gridRef.current?.focus());
    }
  }, [dir.isSuccess]);

  const go = (to: string, options: { file?: string; focusGrid?: boolean; activeName?: string } = {}) => {
    arriveAt(volume.key, to, {
      focusGrid: options.focusGrid ?? false,
      ...(options.activeName ? { activeName: options.activeName } : {}),
    });
    navigate(browseHref(volume.key, to, { sort, ...(options.file ? { file: options.file } : {}) }));
  };

  // The URL follows the selection (one entry: ?file=), replacing the history entry rather than
  // adding one per click, so a copied link opens what the person sees. A deep-linked name not
  // revealed yet (on a later page, or missing) stays in the URL until the person selects.
  const only = selected.length === 1 ? (selected[0] as DirectoryEntry).name : undefined;
  useEffect(() => {
    if (!dir.isSuccess || only === file) return;
    if (only === undefined && file !== undefined && revealed.current !== file) return;
    // Already on screen: the new ?file= must not be "revealed" again (that would reset a
    // selection the person has moved on from, e.g. with Shift+Arrow).
    if (only !== undefined) revealed.current = only;
    navigate(browseHref(volume.key, path, { sort, ...(only ? { file: only } : {}) }), { replace: true });
  }, [only, file, dir.isSuccess, volume.key, path, sort]);

  const open = (entry: DirectoryEntry) => {
    if (entry.is_directory) go(childPath(path, entry.name), { focusGrid: true });
    else {
      dispatch({ type: "select", names: [entry.name] });
      if (!detailsOpen) setDetailsOpen(true);
    }
  };
  const up = () => {
    if (path !== "") go(parentOf(path), { focusGrid: true, activeName: baseName(path) });
  };
  const onSort = (key: SortKey) =>
    navigate(browseHref(volume.key, path, { sort: nextSort(sort, key), ...(file ? { file } : {}) }), {
      replace: true,
    });

  const actions = useRowActions({
    volume,
    path,
    folderName,
    open,
    showDetails: (entries) => {
      dispatch({ type: "select", names: entries.map((e) => e.name) });
      setDetailsOpen(true);
    },
    setDialog,
  });
  /** What a shortcut acts on: the selection, or the row with keyboard focus when none is. */
  const { keyTargets, menu, openMenu, closeMenu } = useRowMenu({
    rows,
    selection,
    selected,
    dispatch,
    gridRef,
  });

  const uploadReason = denyReason(volume, "upload");
  return (
    <div className="browser">
      <LocationBar
        volume={volume}
        volumes={props.volumes}
        path={path}
        onGo={(v, p) => navigate(browseHref(v, p))}
      />
      <Toolbar
        volume={volume}
        path={path}
        folderPath={folderAbsolute}
        selected={selected}
        uploadControls={props.renderUploadControls?.(volume)}
        filter={filter}
        onFilter={setFilter}
        onNewFolder={() => setDialog({ type: "new-folder" })}
        onDelete={() => actions.run("delete", selected)}
        onRename={() => actions.run("rename", selected)}
        onCopy={() => actions.run("copy-to", selected)}
        onDownload={() => {
          const reason = denyReason(volume, "download");
          if (reason) announce(reason, "error");
          else if (selected.length === 0) actions.zip([]);
          else actions.run("download", selected);
        }}
        noFolder={dir.isError && !dir.hasData ? "There is no folder here to download." : undefined}
        onRefresh={() => client.invalidateQueries({ queryKey: queryKeys.wholeFolder(volume.key, path) })}
        refreshing={dir.isRefreshing}
        view={view}
        onView={setView}
        scope={scope}
        onScope={setScope}
        detailsOpen={detailsOpen}
        onToggleDetails={() => setDetailsOpen(!detailsOpen)}
      />
      <div className="browser-body">
        <DropZone
          onDrop={
            props.onDropFiles
              ? (folder, dt) =>
                  props.onDropFiles?.(volume, folder === null ? path : childPath(path, folder), dt)
              : undefined
          }
          unavailable={uploadReason}
          folderLabel={folderName}
          onTargetChange={setDropTarget}
        >
          {searching ? (
            <SearchResults
              volume={volume.key}
              folderLabel={folderName}
              sort={sort}
              search={search}
              onOpenHit={() => {
                setScope("folder");
                setFilter("");
              }}
            />
          ) : (
            <ListingArea
              volume={volume}
              path={path}
              dir={dir}
              rows={rows}
              filter={filter}
              onClearFilter={() => setFilter("")}
              onSearchSubfolders={() => setScope("tree")}
              fileMissing={fileMissing ? file : undefined}
              grid={{
                label: `Files in ${folderName}`,
                rows,
                selection,
                dispatch,
                sort,
                onSort,
                onOpen: open,
                onUp: up,
                onDelete: () => actions.run("delete", keyTargets()),
                onRename: () => actions.run("rename", keyTargets()),
                onAction: (id) => actions.run(id, keyTargets()),
                onRowMenu: openMenu,
                complete,
                dropTarget,
                handleRef: gridRef,
                view,
                checkboxes: touchLayout,
                thumbnailSrc: (entry) =>
                  canThumbnail(entry) ? filesUrl(volume.key, "raw", { path: relPathOf(entry) }) : undefined,
              }}
              canUpload={can(volume, "upload")}
            />
          )}
        </DropZone>
        {detailsOpen && !(dir.isError && !dir.hasData) && (
          <DetailsPanel
            volume={volume}
            folderName={folderName}
            folderAbsolute={folderAbsolute}
            selected={selected}
            relPathOf={relPathOf}
            path={path}
            loaded={dir.entries.length}
            complete={complete}
            onZip={() => actions.run("download", selected)}
            onClose={() => setDetailsOpen(false)}
            renderPreview={props.renderPreview}
          />
        )}
      </div>
      <StatusBar
        ready={dir.isSuccess}
        uploadLimit={uploadReason ? undefined : uploadLimitLabel(volume)}
        read={dir.read}
        shown={rows.length}
        filtering={scope === "folder" && filter.trim() !== ""}
        complete={complete}
        selected={selected.length}
      />
      {menu && (
        <RowMenu
          label={
            menu.targets.length === 1
              ? `Actions for ${menu.targets[0]?.name}`
              : `Actions for ${menu.targets.length} items`
          }
          x={menu.x}
          y={menu.y}
          items={actions.menuItems(menu.targets)}
          onClose={closeMenu}
        />
      )}
      <BrowserDialogs
        dialog={dialog}
        volume={volume}
        volumes={props.volumes}
        path={path}
        relPathOf={relPathOf}
        onClose={() => {
          setDialog(null);
          // After the modal is gone: while it is open the rest of the page is inert.
          requestAnimationFrame(() => gridRef.current?.focus());
        }}
        onSelect={(names) => dispatch({ type: "select", names })}
      />
    </div>
  );
}
