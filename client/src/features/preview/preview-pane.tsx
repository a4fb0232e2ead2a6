// EXTENSION POINT for the preview issue. The details panel renders <PreviewPane> for the one
// selected (or opened) file. Today it shows what the server knows about the file (metadata) and
// a Download button; the previewers (text, images, CSV, Parquet, notebooks, …) go in this
// folder and are chosen here from GET /preview's `kind`. The pane must stay safe: no script
// from a file ever runs in the app's origin (see security.md, "Serving files").
import { Download } from "lucide-react";
import type { DirectoryEntry } from "../../../../shared/api/files";
import type { VolumeInfo } from "../../../../shared/api/volumes";
import { contentTypeFor, mimeEssence } from "../../../../shared/content-types";
import { useMetadata } from "../../api/files/metadata";
import { downloadUrl } from "../../api/files/urls";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { denyReason } from "../../lib/volume-access";

export interface PreviewPaneProps {
  volume: VolumeInfo;
  /** Canonical volume-relative path of the file. */
  path: string;
  entry: DirectoryEntry;
}

export function PreviewPane({ volume, path, entry }: PreviewPaneProps) {
  const canMeta = !denyReason(volume, "metadata");
  // Arrow keys held down move the selection through many files: ask only where it stops.
  const settledPath = useDebouncedValue(path, 150);
  const meta = useMetadata(volume.key, settledPath, canMeta && settledPath === path);
  const downloadBlocked = denyReason(volume, "download");
  const type = meta.data?.contentType ?? contentTypeFor(entry.name);
  return (
    <section className="preview-pane" aria-label="Preview" data-testid="preview-pane">
      <dl className="details-list">
        <dt>Content type</dt>
        <dd data-testid="content-type">{meta.isPending && canMeta ? "…" : mimeEssence(type)}</dd>
      </dl>
      {meta.isError && (
        <p className="muted small">Could not read the file's metadata: {meta.error.message}</p>
      )}
      {downloadBlocked ? (
        <p className="muted small">{downloadBlocked}</p>
      ) : (
        <a
          className="btn btn-primary"
          href={downloadUrl(volume.key, path)}
          download
          data-testid="download-file"
        >
          <Download size={16} aria-hidden="true" /> Download
        </a>
      )}
      <div className="preview-area" data-testid="preview-area">
        <p className="muted small">No preview yet: download the file to open it.</p>
      </div>
    </section>
  );
}
