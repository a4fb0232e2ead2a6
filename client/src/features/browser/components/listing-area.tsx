// What the listing area shows: the grid, or one of the designed states.

import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { baseName, joinVolumePath, parentOf } from "@shared/paths";
import { CircleAlert, Info } from "lucide-react";
import { type ComponentProps, useEffect } from "react";
import { browseHref } from "@/lib/browse-url";
import { describeError, errorLine } from "@/lib/describe-error";
import { Link, navigate } from "@/lib/router";
import { canWriteAnything, ownFolderOf, placeName, placesAllowing } from "@/lib/volume-access";
import type { Directory } from "../use-directory";
import { useMissingPathInfo } from "../use-nearest-existing";
import { EmptyFolder, ErrorState, LoadingSkeleton, NoResults } from "./browser-states";
import { FileGrid } from "./file-grid";

interface ListingAreaProps {
  volume: VolumeInfo;
  path: string;
  dir: Directory;
  rows: readonly DirectoryEntry[];
  filter: string;
  onClearFilter: () => void;
  /** Searches this folder's subfolders for the filter's text (offered when nothing matches here). */
  onSearchSubfolders: () => void;
  /** A file named in the URL that the (fully loaded) folder does not have. */
  fileMissing?: string;
  grid: ComponentProps<typeof FileGrid>;
  canUpload: boolean;
}

function Banner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="banner" role="alert">
      <CircleAlert size={14} aria-hidden="true" />
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

function NotFound({ volume, path }: { volume: VolumeInfo; path: string }) {
  const info = useMissingPathInfo(volume.key, path, true);
  const isFile = info.data?.isFile === true;
  useEffect(() => {
    // A path to a file (pasted or linked): show the file in its folder.
    if (isFile) navigate(browseHref(volume.key, parentOf(path), { file: baseName(path) }), { replace: true });
  }, [isFile, volume.key, path]);
  const nearest = info.data?.nearest;
  return (
    <ErrorState
      error={{
        kind: "not-found",
        title: "This folder doesn't exist",
        detail: `${joinVolumePath(volume.path, path)} was not found. It may have been moved or deleted.`,
      }}
    >
      {nearest !== undefined && !isFile && (
        <Link href={browseHref(volume.key, nearest)} className="btn" data-testid="nearest-parent">
          Go to {nearest === "" ? volume.key : baseName(nearest)}
        </Link>
      )}
    </ErrorState>
  );
}

/** At a volume's root that is read-only for you, the way to where you can write. */
function WritableElsewhere({ volume }: { volume: VolumeInfo }) {
  if (canWriteAnything(volume)) return null;
  const place = ownFolderOf(volume) ?? placesAllowing(volume, "upload")[0];
  if (!place) return null;
  return (
    <div className="banner banner-info" data-testid="writable-elsewhere">
      <Info size={14} aria-hidden="true" />
      <span>Read-only here. You can upload files and create folders in {placeName(place)}</span>
      <Link href={browseHref(volume.key, place.path)} className="btn btn-small">
        {place.kind === "own-folder" ? "Open your folder" : `Open ${baseName(place.path)}`}
      </Link>
    </div>
  );
}

export function ListingArea(props: ListingAreaProps) {
  const { dir, rows, filter, grid } = props;
  const isOwnFolder = props.path !== "" && ownFolderOf(props.volume)?.path === props.path;
  if (dir.isPending) return <LoadingSkeleton />;
  if (dir.isError && !dir.hasData) {
    const described = describeError(dir.error);
    // Your own folder is created by your first upload: until then it is empty, not missing.
    if (described.kind === "not-found" && isOwnFolder) {
      return (
        <div className="listing">
          <EmptyFolder canUpload={props.canUpload} own />
        </div>
      );
    }
    if (described.kind === "not-found" && props.path !== "")
      return <NotFound volume={props.volume} path={props.path} />;
    return <ErrorState error={described} onRetry={() => void dir.refetch()} />;
  }
  const banners = (
    <>
      {props.path === "" && <WritableElsewhere volume={props.volume} />}
      {dir.isError && dir.hasData && (
        <Banner
          message={
            dir.complete
              ? `Could not refresh this folder: ${errorLine(dir.error)}`
              : `Could not read the rest of this folder (${dir.read.toLocaleString()} entries read): ${errorLine(dir.error)}`
          }
          onRetry={() => void dir.refetch()}
        />
      )}
      {dir.truncated && (
        <Banner
          message={`This folder has more entries than are read for one folder: only the first ${dir.read.toLocaleString()} are listed, sorted and filtered.`}
        />
      )}
      {props.fileMissing && <Banner message={`“${props.fileMissing}” is not in this folder.`} />}
    </>
  );
  let body: React.ReactNode;
  if (dir.entries.length === 0 && dir.complete)
    body = <EmptyFolder canUpload={props.canUpload} own={isOwnFolder} />;
  else if (rows.length === 0 && filter.trim() !== "")
    body = (
      <NoResults
        filter={filter}
        onClear={props.onClearFilter}
        onSearchSubfolders={props.onSearchSubfolders}
        partial={!dir.complete}
      />
    );
  else if (rows.length === 0) body = <LoadingSkeleton rows={3} />;
  else body = <FileGrid {...grid} />;
  return (
    <div className="listing">
      {banners}
      {body}
    </div>
  );
}
