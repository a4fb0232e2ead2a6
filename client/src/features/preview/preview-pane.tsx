// The preview of the one selected (or opened) file, in the details panel, with a full-screen
// view. GET /preview says what kind of file it is (from its type and first bytes); the
// previewer for that kind then reads what it needs with byte ranges of `raw`. Nothing from a
// file ever runs in the app's origin (see docs/security.md, "Serving files", and each previewer).

import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { contentTypeFor, mimeEssence } from "@shared/content-types";
import { formatSize } from "@shared/sizes";
import { Download, Maximize2 } from "lucide-react";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { downloadFile, isPlainClick } from "@/api/files/download";
import { usePreview } from "@/api/files/preview";
import { downloadUrl } from "@/api/files/urls";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { can, denyReason } from "@/lib/volume-access";
import type { FileSource } from "./data/file-source";
import { FullScreenPreview } from "./full-screen-preview";
import { PreviewBody } from "./preview-body";
import { prefetchViewerFor } from "./viewer-registry";
import { Notice, ViewerLoading } from "./viewers/viewer-parts";

export interface PreviewPaneProps {
  volume: VolumeInfo;
  /** Canonical volume-relative path of the file. */
  path: string;
  entry: DirectoryEntry;
}

export function PreviewPane({ volume, path, entry }: PreviewPaneProps) {
  const previewDenied = denyReason(volume, "preview");
  // Arrow keys held down move the selection through many files: ask only where it stops.
  const settledPath = useDebouncedValue(path, 150);
  const settled = settledPath === path;
  const preview = usePreview(volume.key, settledPath, !previewDenied && settled);
  const [fullScreen, setFullScreen] = useState(false);
  const downloadBlocked = denyReason(volume, "download");
  const data = settled ? preview.data : undefined;
  const type = data?.contentType ?? contentTypeFor(entry.name);
  const size = data?.contentLength ?? entry.file_size ?? 0;
  const modified = data?.lastModified ?? String(entry.last_modified ?? "");
  const canRaw = can(volume, "raw");
  const source = useMemo(
    (): FileSource => ({
      volume: volume.key,
      path,
      name: entry.name,
      size,
      version: `${size}-${modified}`,
      contentType: type,
      canRaw,
    }),
    [volume.key, path, entry.name, size, modified, type, canRaw],
  );
  const download = downloadBlocked ? undefined : downloadUrl(volume.key, path);
  const guessedType = mimeEssence(contentTypeFor(entry.name));
  useEffect(() => {
    if (settled && !previewDenied) prefetchViewerFor(guessedType);
  }, [settled, previewDenied, guessedType]);

  let body: ReactNode;
  if (previewDenied) body = <Notice>{previewDenied}</Notice>;
  else if (preview.isError && settled)
    body = <Notice tone="warning">The preview could not be loaded: {preview.error.message}</Notice>;
  else if (!data) body = <ViewerLoading />;
  else
    body = (
      <PreviewBody
        key={source.version + path}
        source={source}
        preview={data}
        mode={fullScreen ? "full" : "pane"}
      />
    );

  return (
    <section className="preview-pane" aria-label="Preview" data-testid="preview-pane" data-kind={data?.kind}>
      <dl className="details-list">
        <dt>Content type</dt>
        <dd data-testid="content-type">
          {!data && !previewDenied && !preview.isError ? "…" : mimeEssence(type)}
        </dd>
      </dl>
      <div className="preview-actions">
        {downloadBlocked ? (
          <p className="muted small">{downloadBlocked}</p>
        ) : (
          <a
            className="btn btn-primary"
            href={download}
            download
            data-testid="download-file"
            onClick={(event) => {
              if (!isPlainClick(event)) return;
              event.preventDefault();
              downloadFile(volume.key, path, entry.name);
            }}
          >
            <Download size={16} aria-hidden="true" /> Download
          </a>
        )}
        <button
          type="button"
          className="btn"
          onClick={() => setFullScreen(true)}
          disabled={!data}
          data-testid="open-fullscreen"
          title="Show the preview full screen"
        >
          <Maximize2 size={16} aria-hidden="true" /> Full screen
        </button>
      </div>
      <div className="preview-area" data-testid="preview-area">
        {fullScreen ? <p className="muted small">Shown full screen.</p> : body}
      </div>
      {fullScreen && (
        <FullScreenPreview
          name={entry.name}
          detail={`${mimeEssence(type)} · ${formatSize(size)}`}
          downloadHref={download}
          onDownload={() => downloadFile(volume.key, path, entry.name)}
          onClose={() => setFullScreen(false)}
        >
          {body}
        </FullScreenPreview>
      )}
    </section>
  );
}
