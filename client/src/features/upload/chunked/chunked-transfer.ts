// One file through the chunked protocol, as the upload queue runs it: remembers the session in
// IndexedDB while it is unfinished (to continue after a reload), forgets it when the upload is
// committed or can no longer continue, and cancels it on the server when asked.
import type { UploadResponse } from "@shared/api/files";
import { MiB } from "@shared/sizes";
import { chunkedUploadApi } from "@/api/files/chunked-upload";
import { type RunOptions, runChunkedUpload } from "./chunked-runner";
import { type FileIdentity, identify } from "./file-identity";
import { chunkRequestSlots } from "./request-slots";
import { classifyFailure } from "./retry-policy";
import { newSavedKey, savedUploads } from "./saved-uploads";
import { claimUpload, releaseUpload } from "./upload-ownership";
import type { UploadSession } from "./upload-session";

/** Smaller files go in one request: a few seconds at worst, and one round trip instead of three. */
export const CHUNKED_THRESHOLD = 32 * MiB;

/** What the queue keeps about a chunked upload between runs (pause, retry, reload). */
export interface ChunkedState {
  session?: UploadSession;
  savedKey?: string;
  identity?: FileIdentity;
}

export interface ChunkedTransfer {
  volume: string;
  volumeRoot: string;
  path: string;
  file: File;
  overwrite: boolean;
  state: ChunkedState;
  signal: AbortSignal;
  onProgress: (loaded: number) => void;
  onRetry: RunOptions["onRetry"];
  onState: (state: ChunkedState) => void;
}

/** Forgetting or keeping a record must never fail an upload: without IndexedDB there is no resume, nothing else. */
const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);

export async function uploadInChunks(t: ChunkedTransfer): Promise<UploadResponse> {
  let state: ChunkedState = { ...t.state, savedKey: t.state.savedKey ?? newSavedKey() };
  claimUpload(state.savedKey as string);
  if (!state.identity) {
    // Without crypto.subtle (a page not served over https) the upload still works; only resuming
    // after a reload does not.
    state.identity = await identify(t.file).catch(() => undefined);
  }
  const keep = (session: UploadSession) => {
    state = { ...state, session };
    t.onState(state);
    if (state.identity && state.savedKey && !t.signal.aborted)
      quietly(
        savedUploads.put(state.savedKey, {
          key: state.savedKey,
          volume: t.volume,
          volumeRoot: t.volumeRoot,
          overwrite: t.overwrite,
          identity: state.identity,
          session,
          savedAt: Date.now(),
        }),
      );
  };
  try {
    const result = await runChunkedUpload(
      { api: chunkedUploadApi(t.volume), slots: chunkRequestSlots },
      {
        file: t.file,
        path: t.path,
        overwrite: t.overwrite,
        session: state.session,
        signal: t.signal,
        onSession: keep,
        onProgress: t.onProgress,
        onRetry: t.onRetry,
      },
    );
    forget(state);
    t.onState({});
    return result;
  } catch (error) {
    // Gone for good (expired, lost, refused, a conflict): the next attempt starts from zero.
    if (!t.signal.aborted && classifyFailure(error).kind === "fatal") {
      forget(state);
      t.onState({});
    }
    throw error;
  }
}

function forget(state: ChunkedState): void {
  if (!state.savedKey) return;
  quietly(savedUploads.delete(state.savedKey));
  releaseUpload(state.savedKey);
}

/** Cancel: the server aborts the upstream session (no file appears) and the record goes. */
export function discardChunked(volume: string, state: ChunkedState): Promise<void> {
  forget(state);
  if (!state.session) return Promise.resolve();
  // An upload the server already dropped (expired, lost) needs no cancel: ignore its answer.
  return chunkedUploadApi(volume)
    .cancel(state.session.token)
    .catch(() => undefined);
}
