// Which entries get a picture in the grid view. The browser makes the thumbnail by loading the
// image itself through the raw route, so the work is bounded by a size cap: a larger image, or
// anything that is not a raster image a browser shows inline (SVG is served as a download), gets
// its icon instead, and no large file is ever fetched for a thumbnail.
import type { DirectoryEntry } from "@shared/api/files";
import { extensionOf } from "./entry-kind";

/** The largest image shown as a thumbnail (bytes). */
export const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;

const RASTER = new Set(["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico"]);

export function canThumbnail(entry: DirectoryEntry): boolean {
  return (
    !entry.is_directory &&
    entry.file_size !== undefined &&
    entry.file_size <= THUMBNAIL_MAX_BYTES &&
    RASTER.has(extensionOf(entry.name))
  );
}
