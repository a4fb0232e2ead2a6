// The details of what is selected (or of the folder itself), with room for the preview pane
// that the preview feature provides through `renderPreview`.

import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { formatSize } from "@shared/sizes";
import { Download, FolderArchive } from "lucide-react";
import type { ReactNode } from "react";
import { PathText } from "@/components/ui/path-text";
import { entryKind, typeLabel } from "../logic/entry-kind";
import { formatExactTime, formatRelativeTime } from "../logic/format-time";
import { DetailsDock } from "./details-dock";
import { EntryIcon } from "./entry-icon";
import { FolderTotals } from "./folder-totals";

export interface PreviewSlotProps {
  volume: VolumeInfo;
  /** Canonical volume-relative path of the file. */
  path: string;
  entry: DirectoryEntry;
}

interface DetailsPanelProps {
  volume: VolumeInfo;
  folderName: string;
  folderAbsolute: string;
  selected: DirectoryEntry[];
  /** Volume-relative path of each selected entry, by name. */
  relPathOf: (entry: DirectoryEntry) => string;
  /** The folder shown (volume-relative). */
  path: string;
  loaded: number;
  complete: boolean;
  onZip: () => void;
  /** Closes the details (the sheet's close button on a narrow screen). */
  onClose: () => void;
  renderPreview?: (props: PreviewSlotProps) => ReactNode;
}

function Modified({ epochMs }: { epochMs: number | undefined }) {
  if (epochMs === undefined) return <>—</>;
  return (
    <time dateTime={new Date(epochMs).toISOString()} title={formatExactTime(epochMs)}>
      {formatRelativeTime(epochMs)}
      <span className="details-exact">{formatExactTime(epochMs)}</span>
    </time>
  );
}

export function DetailsPanel(props: DetailsPanelProps) {
  return (
    <DetailsDock onClose={props.onClose}>
      <DetailsContent {...props} />
    </DetailsDock>
  );
}

function DetailsContent(props: DetailsPanelProps) {
  const { selected, volume } = props;
  const canDownload = volume.actions.includes("download");
  if (selected.length === 1) {
    const entry = selected[0] as DirectoryEntry;
    return (
      <aside className="details" aria-label="Details" data-testid="details-panel">
        <div className="details-title">
          <EntryIcon kind={entryKind(entry.name, entry.is_directory)} size={20} />
          <h2 className="details-name">{entry.name}</h2>
        </div>
        <dl className="details-list">
          <dt>Type</dt>
          <dd>{typeLabel(entry.name, entry.is_directory)}</dd>
          {!entry.is_directory && (
            <>
              <dt>Size</dt>
              <dd>
                {entry.file_size === undefined ? "—" : formatSize(entry.file_size)}
                {entry.file_size !== undefined && entry.file_size >= 1024 && (
                  <span className="muted"> ({entry.file_size.toLocaleString()} bytes)</span>
                )}
              </dd>
            </>
          )}
          <dt>Modified</dt>
          <dd>
            <Modified epochMs={entry.last_modified} />
          </dd>
          {entry.is_directory && (
            <>
              <dt>Contents</dt>
              <dd>
                <FolderTotals key={entry.path} volume={volume.key} path={props.relPathOf(entry)} />
              </dd>
            </>
          )}
          <dt>Path</dt>
          <dd>
            <code className="details-path">
              <PathText path={entry.path} />
            </code>
          </dd>
        </dl>
        {entry.is_directory ? (
          canDownload && (
            <button type="button" className="btn" onClick={props.onZip}>
              <FolderArchive size={16} aria-hidden="true" /> Download as zip
            </button>
          )
        ) : (
          <div className="preview-slot">
            {props.renderPreview?.({ volume, path: props.relPathOf(entry), entry })}
          </div>
        )}
      </aside>
    );
  }
  if (selected.length > 1) {
    const files = selected.filter((e) => !e.is_directory);
    const folders = selected.length - files.length;
    const bytes = files.reduce((sum, e) => sum + (e.file_size ?? 0), 0);
    return (
      <aside className="details" aria-label="Details" data-testid="details-panel">
        <div className="details-title">
          <h2>{selected.length} items selected</h2>
        </div>
        <dl className="details-list">
          <dt>Files</dt>
          <dd>
            {files.length} ({formatSize(bytes)})
          </dd>
          <dt>Folders</dt>
          <dd>{folders}</dd>
        </dl>
        {canDownload && (
          <button type="button" className="btn" onClick={props.onZip}>
            <Download size={16} aria-hidden="true" /> Download as zip
          </button>
        )}
      </aside>
    );
  }
  return (
    <aside className="details" aria-label="Details" data-testid="details-panel">
      <div className="details-title">
        <EntryIcon kind="folder" size={20} />
        <h2 className="details-name">{props.folderName}</h2>
      </div>
      <dl className="details-list">
        <dt>Items</dt>
        <dd>
          {props.complete ? props.loaded.toLocaleString() : `${props.loaded.toLocaleString()} read so far…`}
        </dd>
        <dt>Contents</dt>
        <dd>
          <FolderTotals key={props.folderAbsolute} volume={volume.key} path={props.path} />
        </dd>
        <dt>Path</dt>
        <dd>
          <code className="details-path">
            <PathText path={props.folderAbsolute} />
          </code>
        </dd>
      </dl>
      <p className="muted details-hint">Select a file to see its details.</p>
    </aside>
  );
}
