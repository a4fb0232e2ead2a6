// The previewer for each kind of file, each in its own lazily loaded chunk (the highlighter,
// Markdown, Parquet and PDF libraries stay out of the app's main bundle). Loaded modules are
// kept, and a loaded previewer renders at once: not through React.lazy, whose Suspense reveal
// is throttled (~300 ms) on every first render after a page load.

import type { PreviewKind } from "@shared/api/files";
import { type ComponentType, useEffect, useState } from "react";
import type { ViewerProps } from "./viewers/viewer-props";

type Viewer = ComponentType<ViewerProps>;
type Loader = () => Promise<{ default: Viewer }>;

const text: Loader = () => import("./viewers/text/text-viewer");
const image: Loader = () => import("./viewers/media/image-viewer");
const csv: Loader = () => import("./viewers/table/csv-viewer");
const media: Loader = () => import("./viewers/media/media-viewer");

const LOADERS: Readonly<Record<PreviewKind, Loader>> = {
  text,
  // Markup is shown as source: never rendered as a document in the app's origin.
  html: text,
  svg: image,
  image,
  markdown: () => import("./viewers/markdown/markdown-viewer"),
  json: () => import("./viewers/json/json-viewer"),
  jsonl: () => import("./viewers/json/jsonl-viewer"),
  csv,
  tsv: csv,
  parquet: () => import("./viewers/parquet/parquet-viewer"),
  notebook: () => import("./viewers/notebook/notebook-viewer"),
  pdf: () => import("./viewers/media/pdf-viewer"),
  audio: media,
  video: media,
  binary: () => import("./viewers/binary-viewer"),
};

const loaded = new Map<Loader, Viewer>();
const loading = new Map<Loader, Promise<Viewer>>();

/** Starts loading a previewer (idempotent); resolves with it. */
export function loadViewer(kind: PreviewKind): Promise<Viewer> {
  const loader = LOADERS[kind] ?? LOADERS.binary;
  const ready = loaded.get(loader);
  if (ready) return Promise.resolve(ready);
  let promise = loading.get(loader);
  if (!promise) {
    promise = loader().then(
      (module) => {
        loaded.set(loader, module.default);
        return module.default;
      },
      (err: unknown) => {
        // A failed chunk (a deploy replaced it, the network blinked) may load on the next try.
        loading.delete(loader);
        throw err;
      },
    );
    loading.set(loader, promise);
  }
  return promise;
}

/** The previewer for a kind: at once when loaded, else after its chunk arrives. */
export function useViewer(kind: PreviewKind): { Viewer?: Viewer; error?: Error } {
  const loader = LOADERS[kind] ?? LOADERS.binary;
  const [state, setState] = useState<{ loader: Loader; Viewer?: Viewer; error?: Error }>(() => {
    const ready = loaded.get(loader);
    return ready ? { loader, Viewer: ready } : { loader };
  });
  useEffect(() => {
    if (loaded.has(loader)) return;
    let current = true;
    loadViewer(kind).then(
      (Viewer) => current && setState({ loader, Viewer }),
      (err: unknown) =>
        current && setState({ loader, error: err instanceof Error ? err : new Error(String(err)) }),
    );
    return () => {
      current = false;
    };
  }, [kind, loader]);
  const ready = loaded.get(loader);
  if (ready) return { Viewer: ready };
  return state.loader === loader && state.error ? { error: state.error } : {};
}

const GUESSES: Readonly<Record<string, PreviewKind>> = {
  "application/vnd.apache.parquet": "parquet",
  "text/csv": "csv",
  "text/tab-separated-values": "tsv",
  "text/markdown": "markdown",
  "application/json": "json",
  "application/x-ndjson": "jsonl",
  "application/x-ipynb+json": "notebook",
  "application/pdf": "pdf",
  "image/svg+xml": "svg",
  "text/plain": "text",
};

/**
 * Starts loading the previewer a content type most likely needs, while GET /preview (which has
 * the final say, from the bytes) is on its way. A wrong guess costs one small chunk.
 */
export function prefetchViewerFor(essence: string): void {
  const kind =
    GUESSES[essence] ??
    (essence.startsWith("image/")
      ? "image"
      : essence.startsWith("audio/") || essence.startsWith("video/")
        ? "audio"
        : undefined);
  if (kind) void loadViewer(kind).catch(() => undefined);
}
