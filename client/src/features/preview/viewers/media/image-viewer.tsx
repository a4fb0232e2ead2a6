// Images from `raw` (served inline only for raster types, under a sandbox CSP): fit to the
// space or zoom, with the natural size shown. SVG comes here too: as an <img> it is an image
// only, its scripts and event handlers never run; its markup is one click away as source.

import { formatSize, MiB } from "@shared/sizes";
import { Maximize, Minus, Plus } from "lucide-react";
import { useState } from "react";
import { rawUrl } from "@/features/preview/data/file-source";
import TextViewer from "../text/text-viewer";
import { Notice, ViewSwitch } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";

/** Bigger images wait for a click: showing one means downloading all of it. */
export const IMAGE_AUTOLOAD_LIMIT = 25 * MiB;

const ZOOMS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 8];
const VIEWS = [
  { value: "image", label: "Image" },
  { value: "source", label: "Source" },
] as const;

function ImageCanvas({ props }: { props: ViewerProps }) {
  const { source } = props;
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [zoom, setZoom] = useState<"fit" | number>("fit");
  const [allowed, setAllowed] = useState(source.size <= IMAGE_AUTOLOAD_LIMIT);
  if (!source.canRaw) return <Notice>Viewing this file's contents is not allowed here.</Notice>;
  if (!allowed) {
    return (
      <Notice>
        This image is {formatSize(source.size)}: showing it downloads all of it.{" "}
        <button type="button" className="btn btn-small" onClick={() => setAllowed(true)}>
          Show image
        </button>
      </Notice>
    );
  }
  if (failed) {
    return (
      <Notice tone="warning" testId="image-error">
        This browser can't display this image format: download it to open it.
      </Notice>
    );
  }
  const step = (direction: 1 | -1) => {
    const current = zoom === "fit" ? 1 : zoom;
    const next =
      direction > 0 ? ZOOMS.find((z) => z > current) : [...ZOOMS].reverse().find((z) => z < current);
    setZoom(next ?? current);
  };
  const style =
    zoom === "fit" || !natural ? undefined : { width: natural.width * zoom, height: natural.height * zoom };
  return (
    <>
      <div className="image-toolbar">
        <span data-testid="image-natural-size">
          {natural ? `${natural.width} × ${natural.height} px` : "…"}
        </span>
        <fieldset className="image-zoom" aria-label="Zoom">
          <button type="button" className="icon-btn" aria-label="Zoom out" onClick={() => step(-1)}>
            <Minus size={14} aria-hidden="true" />
          </button>
          <span className="image-zoom-level" data-testid="image-zoom">
            {zoom === "fit" ? "Fit" : `${Math.round(zoom * 100)}%`}
          </span>
          <button type="button" className="icon-btn" aria-label="Zoom in" onClick={() => step(1)}>
            <Plus size={14} aria-hidden="true" />
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={zoom === 1}
            onClick={() => setZoom(zoom === 1 ? "fit" : 1)}
          >
            {zoom === 1 ? <Maximize size={12} aria-hidden="true" /> : null}
            {zoom === 1 ? "Fit" : "100%"}
          </button>
        </fieldset>
      </div>
      <div className={`image-stage${zoom === "fit" ? " image-fit" : ""}`}>
        <img
          src={rawUrl(source)}
          alt={source.name}
          style={style}
          data-testid="preview-image"
          onLoad={(e) =>
            setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
          }
          onError={() => setFailed(true)}
        />
      </div>
    </>
  );
}

export default function ImageViewer(props: ViewerProps) {
  const [view, setView] = useState<"image" | "source">("image");
  const isSvg = props.preview.kind === "svg";
  return (
    <div className="viewer viewer-image" data-testid="image-viewer">
      {isSvg && <ViewSwitch options={VIEWS} value={view} onChange={setView} label="SVG view" />}
      {view === "image" || !isSvg ? <ImageCanvas props={props} /> : <TextViewer {...props} />}
    </div>
  );
}
