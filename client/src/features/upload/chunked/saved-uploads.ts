// Unfinished chunked uploads kept in IndexedDB, so that after a reload or a crash the upload
// manager can offer to continue them (the person picks the same file again) or cancel them.
// The token is kept as the server issued it: it is sealed (encrypted and signed) and names the
// user, so it is useless to anyone else; the file's bytes are never stored.
import { idbStore } from "@/lib/idb-store";
import type { FileIdentity } from "./file-identity";
import type { UploadSession } from "./upload-session";

export interface SavedUpload {
  key: string;
  volume: string;
  /** `/Volumes/c/s/v`, for showing where the file goes. */
  volumeRoot: string;
  overwrite: boolean;
  identity: FileIdentity;
  session: UploadSession;
  savedAt: number;
}

export const savedUploads = idbStore<SavedUpload>("volumes-browser", "unfinished-uploads");

export const newSavedKey = (): string =>
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
