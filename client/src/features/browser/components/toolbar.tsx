import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { isSameOrInside } from "@shared/paths";
import {
  Download,
  Files,
  FolderPlus,
  FolderTree,
  House,
  LayoutGrid,
  List,
  Lock,
  PanelRight,
  Pencil,
  RefreshCw,
  Search,
  Trash2,
  X,
} from "lucide-react";
import type { ReactNode } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { browseHref } from "@/lib/browse-url";
import { Link } from "@/lib/router";
import { accessOf, canWriteAnything, denyReason, ownFolderOf, placesAllowing } from "@/lib/volume-access";
import { CopyMenu } from "./copy-menu";

interface ToolbarProps {
  /** The volume as seen from this folder (its actions are this folder's). */
  volume: VolumeInfo;
  /** This folder, volume-relative. */
  path: string;
  /** Absolute path the copy menu offers when nothing is selected. */
  folderPath: string;
  selected: DirectoryEntry[];
  uploadControls?: ReactNode;
  filter: string;
  onFilter: (value: string) => void;
  onNewFolder: () => void;
  onDelete: () => void;
  onRename: () => void;
  onCopy: () => void;
  onDownload: () => void;
  /** Why there is no folder to download when nothing is selected (it does not exist, say). */
  noFolder?: string | undefined;
  onRefresh: () => void;
  refreshing: boolean;
  detailsOpen: boolean;
  onToggleDetails: () => void;
  view: "list" | "tiles";
  onView: (view: "list" | "tiles") => void;
  /** What the box searches: this folder's entries (a filter), or this folder and its subfolders. */
  scope: "folder" | "tree";
  onScope: (scope: "folder" | "tree") => void;
}

function downloadLabel(selected: DirectoryEntry[]): string {
  if (selected.length === 0) return "Download folder";
  if (selected.length === 1 && !selected[0]?.is_directory) return "Download";
  return selected.length === 1 ? "Download as zip" : `Download ${selected.length} as zip`;
}

export function Toolbar(props: ToolbarProps) {
  const { volume, selected } = props;
  const writable = canWriteAnything(volume);
  const none = selected.length === 0 ? "Select files or folders first." : undefined;
  const readOnlyReason = denyReason(volume, "upload");
  // Read-only here, writable elsewhere (a drop box): say "here", and show the way there.
  const writableElsewhere = !writable && placesAllowing(volume, "upload").length > 0;
  const own = ownFolderOf(volume);
  const showOwnFolder = own !== undefined && !isSameOrInside(props.path, own.path);
  return (
    <div className="toolbar" role="toolbar" aria-label="Folder actions">
      <div className="toolbar-group">
        {writable ? (
          <>
            <ActionButton
              icon={<FolderPlus size={16} aria-hidden="true" />}
              label="New folder"
              unavailable={denyReason(volume, "mkdir")}
              onClick={props.onNewFolder}
              data-testid="new-folder"
            />
            {props.uploadControls}
          </>
        ) : (
          <span className="read-only-chip" title={readOnlyReason} data-testid="read-only">
            <Lock size={14} aria-hidden="true" />{" "}
            {accessOf(volume.actions) === "no access" ? "No access" : "Read-only"}
            {writableElsewhere && " here"}
            <span className="visually-hidden">: {readOnlyReason}</span>
          </span>
        )}
        {showOwnFolder && (
          <Link
            href={browseHref(volume.key, own.path)}
            // Primary: where this person can do something, it is the way to it.
            className="btn btn-primary"
            title={`Open ${own.path}/, where you can upload and create folders`}
            data-testid="your-folder"
          >
            <House size={16} aria-hidden="true" /> <span className="btn-label">Your folder</span>
          </Link>
        )}
        <span className="toolbar-sep" aria-hidden="true" />
        <ActionButton
          icon={<Download size={16} aria-hidden="true" />}
          label={downloadLabel(selected)}
          unavailable={denyReason(volume, "download") ?? (selected.length === 0 ? props.noFolder : undefined)}
          onClick={props.onDownload}
          data-testid="download"
        />
        {writable && (
          <>
            <ActionButton
              icon={<Pencil size={16} aria-hidden="true" />}
              label={selected.length > 1 ? `Move ${selected.length}` : "Rename"}
              unavailable={
                denyReason(volume, "move") ??
                (selected.length > 0 ? undefined : "Select what to rename or move.")
              }
              onClick={props.onRename}
              data-testid="rename"
            />
            <ActionButton
              icon={<Trash2 size={16} aria-hidden="true" />}
              label="Delete"
              variant="danger"
              unavailable={denyReason(volume, "delete") ?? none}
              onClick={props.onDelete}
              data-testid="delete"
            />
          </>
        )}
        <ActionButton
          icon={<Files size={16} aria-hidden="true" />}
          label="Copy to…"
          unavailable={
            denyReason(volume, "read") ?? (selected.length > 0 ? undefined : "Select what to copy.")
          }
          onClick={props.onCopy}
          data-testid="copy-to"
        />
        <CopyMenu
          path={selected.length === 1 ? (selected[0] as DirectoryEntry).path : props.folderPath}
          isDirectory={selected.length === 1 ? (selected[0] as DirectoryEntry).is_directory : true}
          multiple={selected.length > 1}
        />
      </div>
      <div className="toolbar-group toolbar-end">
        <div className="filter">
          <Search size={14} aria-hidden="true" className="filter-icon" />
          <input
            type="search"
            className="filter-input"
            placeholder={props.scope === "tree" ? "Search subfolders too" : "Filter by name"}
            aria-label={
              props.scope === "tree"
                ? "Search this folder and its subfolders by name (* and ? for patterns)"
                : "Filter this folder by name"
            }
            value={props.filter}
            onChange={(event) => props.onFilter(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape" && props.filter) {
                event.preventDefault();
                props.onFilter("");
              }
              // From the search box down into its results, as in a combobox.
              if (event.key === "ArrowDown" && props.scope === "tree") {
                const first = document.querySelector<HTMLElement>(".search-hit-link");
                if (first) {
                  event.preventDefault();
                  first.focus();
                }
              }
            }}
            data-testid="filter"
          />
          {props.filter && (
            <button
              type="button"
              className="filter-clear"
              aria-label="Clear filter"
              onClick={() => props.onFilter("")}
            >
              <X size={14} aria-hidden="true" />
            </button>
          )}
        </div>
        <button
          type="button"
          className="btn btn-small filter-scope"
          aria-pressed={props.scope === "tree"}
          title="Also search every folder under this one"
          onClick={() => props.onScope(props.scope === "tree" ? "folder" : "tree")}
          data-testid="search-scope"
        >
          <FolderTree size={16} aria-hidden="true" />
          <span className="btn-label">Subfolders</span>
        </button>
        <ActionButton
          icon={<RefreshCw size={16} aria-hidden="true" className={props.refreshing ? "spin" : undefined} />}
          label="Refresh"
          iconOnly
          variant="ghost"
          onClick={props.onRefresh}
        />
        <ActionButton
          icon={
            props.view === "tiles" ? (
              <List size={16} aria-hidden="true" />
            ) : (
              <LayoutGrid size={16} aria-hidden="true" />
            )
          }
          label={props.view === "tiles" ? "Show as list" : "Show as grid"}
          iconOnly
          variant="ghost"
          onClick={() => props.onView(props.view === "tiles" ? "list" : "tiles")}
          data-testid="view-toggle"
        />
        <ActionButton
          icon={<PanelRight size={16} aria-hidden="true" />}
          label={props.detailsOpen ? "Hide details" : "Show details"}
          iconOnly
          variant="ghost"
          aria-pressed={props.detailsOpen}
          onClick={props.onToggleDetails}
        />
      </div>
    </div>
  );
}
