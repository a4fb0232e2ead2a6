// Audio and video straight from `raw` (inline types): the browser fetches the ranges it plays.
import { useState } from "react";
import { rawUrl } from "@/features/preview/data/file-source";
import { Notice } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";

export default function MediaViewer({ source, preview }: ViewerProps) {
  const [failed, setFailed] = useState(false);
  if (!source.canRaw) return <Notice>Playing this file is not allowed here.</Notice>;
  if (failed) {
    return (
      <Notice tone="warning" testId="media-error">
        This browser can't play this format: download the file to play it.
      </Notice>
    );
  }
  return (
    <div className="viewer viewer-media" data-testid="media-viewer">
      {preview.kind === "video" ? (
        // biome-ignore lint/a11y/useMediaCaption: files from a volume come without caption tracks.
        <video controls preload="metadata" src={rawUrl(source)} onError={() => setFailed(true)} />
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: files from a volume come without caption tracks.
        <audio controls preload="metadata" src={rawUrl(source)} onError={() => setFailed(true)} />
      )}
    </div>
  );
}
