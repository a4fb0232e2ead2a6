import type { VolumeInfo } from "@shared/api/volumes";
import { FileBrowser } from "../features/browser";
import { PreviewPane } from "../features/preview";
import { UploadButtons, uploadDropped, useUploadStore } from "../features/upload";
import type { Route } from "../lib/browse-url";

interface BrowseScreenProps {
  volume: VolumeInfo;
  volumes: VolumeInfo[];
  route: Extract<Route, { kind: "browse" }>;
}

/** One folder: the browser, with uploads and the preview pane plugged in. */
export function BrowseScreen({ volume, volumes, route }: BrowseScreenProps) {
  const uploads = useUploadStore();
  return (
    <FileBrowser
      // A new folder is a new view: selection, filter and dialogs start fresh.
      key={`${volume.key}\u0000${route.path}`}
      volume={volume}
      volumes={volumes}
      path={route.path}
      sort={route.sort}
      {...(route.file ? { file: route.file } : {})}
      renderUploadControls={(here) => <UploadButtons volume={here} dir={route.path} />}
      onDropFiles={(here, dir, dataTransfer) => uploadDropped(uploads, here, dir, dataTransfer)}
      renderPreview={(slot) => <PreviewPane {...slot} />}
    />
  );
}
