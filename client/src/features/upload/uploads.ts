// The page's one upload queue, on the app's query client. Views and actions take its functions
// from here; upload-store.ts holds the queue itself.
import { queryClient } from "@/lib/query-client";
import { useStore } from "@/lib/store";
import { createUploadStore } from "./upload-store";
import type { UploadItem } from "./upload-types";

const uploads = createUploadStore({ queryClient });

export const {
  enqueue,
  enqueueResumed,
  resolveConflict,
  cancel,
  cancelAll,
  pause,
  resume,
  retry,
  retryFailed,
  clearFinished,
} = uploads;

export function useUploads(): UploadItem[] {
  return useStore(uploads.state);
}

// Leaving the page would abort every transfer in flight: ask first.
window.addEventListener("beforeunload", (event) => {
  if (uploads.hasPending()) event.preventDefault();
});
