// Chunked uploads remembered in IndexedDB from an earlier visit (a reload, a crash, a closed
// tab): listed by the upload manager, which continues one once the person picks the same file
// again, or discards it (the server aborts its session).
import { announce } from "@/lib/announcer";
import { createStore, useStore } from "@/lib/store";
import { discardChunked } from "./chunked/chunked-transfer";
import { compareIdentity, identify } from "./chunked/file-identity";
import { type SavedUpload, savedUploads } from "./chunked/saved-uploads";
import { uploadsOwnedByTabs } from "./chunked/upload-ownership";
import type { UploadStore } from "./upload-store";

export interface UnfinishedUpload {
  saved: SavedUpload;
  /** Why the file picked for it was refused, shown beside it. */
  error?: string;
}

const unfinished = createStore<UnfinishedUpload[]>([]);
const set = unfinished.set;

const without = (key: string) => unfinished.get().filter((u) => u.saved.key !== key);

// Read once per page load: what is in IndexedDB now was left by an earlier page, or belongs to
// another open tab (which holds its lock, so it is not offered here). Uploads this page starts
// later belong to its queue.
Promise.all([savedUploads.all(), uploadsOwnedByTabs()]).then(
  ([all, owned]) =>
    set(
      all
        .filter((saved) => !owned.has(saved.key))
        .sort((a, b) => a.savedAt - b.savedAt)
        .map((saved) => ({ saved })),
    ),
  () => undefined,
);

export async function continueUnfinished(uploads: UploadStore, key: string, file: File): Promise<void> {
  const entry = unfinished.get().find((u) => u.saved.key === key);
  if (!entry) return;
  let check: ReturnType<typeof compareIdentity>;
  try {
    check = (await uploadsOwnedByTabs()).has(key)
      ? { same: false, reason: `${entry.saved.identity.name} is being uploaded in another tab.` }
      : compareIdentity(entry.saved.identity, await identify(file));
  } catch (err) {
    check = { same: false, reason: `${file.name} could not be read: ${String(err)}` };
  }
  if (!check.same) {
    const reason = check.reason;
    set(unfinished.get().map((u) => (u.saved.key === key ? { ...u, error: reason } : u)));
    announce(reason, "error");
    return;
  }
  set(without(key));
  uploads.enqueueResumed(entry.saved, file);
}

export function discardUnfinished(key: string): void {
  const entry = unfinished.get().find((u) => u.saved.key === key);
  if (!entry) return;
  set(without(key));
  void discardChunked(entry.saved.volume, { session: entry.saved.session, savedKey: key });
}

export function useUnfinishedUploads(): UnfinishedUpload[] {
  return useStore(unfinished);
}
