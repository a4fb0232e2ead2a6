import type { FilePreview } from "@shared/api/files";
import type { FileSource } from "../data/file-source";

/** What every previewer gets: the file, the server's first look at it, and where it is shown. */
export interface ViewerProps {
  source: FileSource;
  preview: FilePreview;
  /** In the details panel (narrow, a screenful) or full screen (everything there is room for). */
  mode: "pane" | "full";
}
