// The upload queue, created with the query client it refreshes (uploads.tsx provides the page's
// one; tests make their own with a fake server): it runs at most CONCURRENCY transfers, asks
// before overwriting anything and reports each file's progress, speed and outcome. Files from
// CHUNKED_THRESHOLD up go in chunks (chunked/), which can be paused, resumed, retried from where
// they stopped, and continued after a reload.

import type { VolumeInfo } from "@shared/api/volumes";
import { baseName, childPath, parentOf } from "@shared/paths";
import type { QueryClient } from "@tanstack/react-query";
import { fetchExists } from "@/api/files/exists";
import { createDirectory } from "@/api/files/mkdir";
import { UploadAbortedError, uploadFile } from "@/api/files/upload";
import { refreshListings, refreshPath } from "@/api/refresh";
import { announce } from "@/lib/announcer";
import { ApiError } from "@/lib/api-client";
import { errorLine } from "@/lib/describe-error";
import { createStore } from "@/lib/store";
import {
  CHUNKED_THRESHOLD,
  type ChunkedState,
  discardChunked,
  uploadInChunks,
} from "./chunked/chunked-transfer";
import { classifyFailure } from "./chunked/retry-policy";
import type { SavedUpload } from "./chunked/saved-uploads";
import { storedBytes } from "./chunked/upload-session";
import { findFreeName } from "./conflict-name";
import type { PickedTree } from "./dropped-files";
import { planUploads } from "./plan-uploads";
import { addSample, type Sample, speedOf } from "./transfer-stats";
import { type ConflictChoice, nextToStart, PENDING, type UploadItem } from "./upload-types";

export const CONCURRENCY = 3;

/** What the queue does over the network (the real API by default; tests give a fake server). */
export interface UploadApi {
  exists: typeof fetchExists;
  mkdir: typeof createDirectory;
  uploadFile: typeof uploadFile;
  uploadInChunks: typeof uploadInChunks;
  discardChunked: typeof discardChunked;
}

const REAL_API: UploadApi = {
  exists: fetchExists,
  mkdir: createDirectory,
  uploadFile,
  uploadInChunks,
  discardChunked,
};

export interface UploadStoreOptions {
  /** Listings and metadata it refreshes after uploads. */
  queryClient: QueryClient;
  api?: Partial<UploadApi>;
}

export type UploadStore = ReturnType<typeof createUploadStore>;

/** Chunked uploads only, and only while they may still send. */
export function canPause(item: UploadItem): boolean {
  const chunked = item.chunked !== undefined || item.file.size >= CHUNKED_THRESHOLD;
  return chunked && (item.status === "uploading" || item.status === "checking" || item.status === "queued");
}

export function createUploadStore(options: UploadStoreOptions) {
  const api: UploadApi = { ...REAL_API, ...options.api };
  const state = createStore<UploadItem[]>([]);

  let items: UploadItem[] = [];
  let nextId = 1;
  let nextBatch = 1;
  const batchChoice = new Map<number, ConflictChoice>();
  const batchLabel = new Map<number, string>();
  const controllers = new Map<number, AbortController>();
  /** Uploads whose abort is a pause, not a cancel. */
  const pausing = new Set<number>();
  const samples = new Map<number, Sample[]>();
  let emitTimer: ReturnType<typeof setTimeout> | undefined;

  function emit(): void {
    if (emitTimer !== undefined) clearTimeout(emitTimer);
    emitTimer = undefined;
    state.set(items);
  }

  /** Progress events arrive many times a second per file; repaint at most ten times a second. */
  function emitSoon(): void {
    emitTimer ??= setTimeout(emit, 100);
  }

  function patch(id: number, changes: Partial<UploadItem>): void {
    const index = items.findIndex((i) => i.id === id);
    if (index < 0) return;
    items = items.slice();
    items[index] = { ...(items[index] as UploadItem), ...changes };
  }

  const get = (id: number) => items.find((i) => i.id === id);

  const dirtyVolumes = new Set<string>();
  let refreshScheduled = false;
  /** New files show up in the listings, without refetching a big folder after every file. */
  function refreshListingsSoon(volume: string): void {
    dirtyVolumes.add(volume);
    if (refreshScheduled) return;
    refreshScheduled = true;
    setTimeout(() => {
      refreshScheduled = false;
      for (const v of dirtyVolumes) void refreshListings(options.queryClient, v);
      dirtyVolumes.clear();
    }, 700);
  }

  function enqueue(volume: VolumeInfo, dir: string, tree: PickedTree): void {
    const batchId = nextBatch++;
    batchLabel.set(batchId, dir === "" ? volume.key : baseName(dir));
    const plan = planUploads(volume, dir, tree, { batchId, nextId: () => nextId++ });
    items = [...items, ...plan.items];
    const refused = plan.items.filter((i) => i.status === "refused");
    const first = refused[0];
    if (first) {
      announce(
        refused.length === 1
          ? `${baseName(first.target)} was not uploaded: ${first.error}`
          : `${refused.length} files were not uploaded (too large or invalid names); see the upload panel.`,
        "error",
      );
    }
    for (const folder of plan.folders) {
      api.mkdir(volume.key, folder).then(
        () => refreshListingsSoon(volume.key),
        (err: unknown) => announce(`Could not create folder ${folder}: ${errorLine(err)}`, "error"),
      );
    }
    emit();
    pump();
    finishBatchIfDone(batchId);
  }

  function pump(): void {
    for (const item of nextToStart(items, CONCURRENCY)) {
      patch(item.id, { status: "checking", error: undefined });
      void run(item.id);
    }
    emit();
  }

  function applyChoice(id: number, choice: ConflictChoice): void {
    if (choice === "replace") patch(id, { status: "queued", overwrite: true, keepBoth: false });
    else if (choice === "keep-both") patch(id, { status: "queued", keepBoth: true, overwrite: false });
    else patch(id, { status: "skipped" });
  }

  function onConflict(id: number): void {
    const item = get(id);
    if (!item) return;
    const choice = batchChoice.get(item.batchId);
    if (choice) applyChoice(id, choice);
    else patch(id, { status: "conflict" });
  }

  /** Names other uploads are about to take, so two "keep both" never pick the same one. */
  function reserved(volume: string, target: string, self: number): boolean {
    return items.some(
      (i) => i.id !== self && i.volume === volume && i.target === target && PENDING.has(i.status),
    );
  }

  async function run(id: number): Promise<void> {
    const controller = new AbortController();
    controllers.set(id, controller);
    const { signal } = controller;
    try {
      let item = get(id) as UploadItem;
      if (item.chunked?.session) {
        // A session already passed the server's conflict check at start (and meets it again at commit).
      } else if (item.keepBoth) {
        const dir = parentOf(item.target);
        await findFreeName(baseName(item.target), async (candidate) => {
          const path = childPath(dir, candidate);
          if (reserved(item.volume, path, id)) return true;
          const taken =
            (await api.exists(item.volume, path, signal)).exists || reserved(item.volume, path, id);
          // Claim it in the same tick as the check, before another upload can look.
          if (!taken) patch(id, { target: path });
          return taken;
        });
      } else if (!item.overwrite) {
        const existing = await api.exists(item.volume, item.target, signal);
        if (existing.exists && existing.type === "directory") {
          patch(id, { status: "failed", error: "A folder with this name already exists." });
          return;
        }
        if (existing.exists) return onConflict(id);
      }
      item = get(id) as UploadItem;
      if (item.status !== "checking") return;
      const session = item.chunked?.session;
      patch(id, { status: "uploading", loaded: session ? storedBytes(session) : 0, speed: undefined });
      samples.set(id, []);
      emit();
      const onProgress = (loaded: number) => {
        const next = addSample(samples.get(id) ?? [], { at: performance.now(), loaded });
        samples.set(id, next);
        patch(id, { loaded, speed: speedOf(next), note: undefined });
        emitSoon();
      };
      // Overwriting only ever follows an explicit "Replace": a file created meanwhile is a 409.
      const request = {
        volume: item.volume,
        path: item.target,
        file: item.file,
        overwrite: item.overwrite,
        signal,
      };
      if (item.chunked || item.file.size >= CHUNKED_THRESHOLD) {
        await api.uploadInChunks({
          ...request,
          volumeRoot: item.volumeRoot,
          state: item.chunked ?? {},
          onProgress,
          onRetry: ({ waitMs, busy }) => {
            const seconds = Math.ceil(waitMs / 1000);
            const why = busy ? "The server is busy" : "A chunk did not get through";
            patch(id, {
              note: seconds > 0 ? `${why}; trying again in ${seconds} s` : `${why}; trying again`,
            });
            emit();
          },
          onState: (chunked) => patch(id, { chunked }),
        });
      } else await api.uploadFile({ ...request, onProgress });
      patch(id, { status: "done", loaded: item.file.size });
      if (item.overwrite) void refreshPath(options.queryClient, item.volume, item.target);
      refreshListingsSoon(item.volume);
    } catch (err) {
      const chunked = get(id)?.chunked;
      if (err instanceof UploadAbortedError || signal.aborted) {
        // Paused: what counts is what the server stored, not what was in flight.
        const stored = chunked?.session ? storedBytes(chunked.session) : 0;
        if (pausing.has(id))
          patch(id, { status: "paused", loaded: stored, speed: undefined, note: undefined });
        else patch(id, { status: "cancelled", speed: undefined, note: undefined });
      } else if (isConflict(err, chunked !== undefined)) {
        patch(id, { chunked: undefined });
        onConflict(id);
      } else
        patch(id, { status: "failed", speed: undefined, note: undefined, error: failureText(err, chunked) });
    } finally {
      pausing.delete(id);
      controllers.delete(id);
      samples.delete(id);
      const item = get(id);
      pump();
      if (item) finishBatchIfDone(item.batchId);
    }
  }

  /** The name is taken. Chunked uploads also answer 409 for a wrong offset or a lost session. */
  function isConflict(err: unknown, chunked: boolean): boolean {
    return err instanceof ApiError && err.status === 409 && (!chunked || err.code === "ALREADY_EXISTS");
  }

  function failureText(err: unknown, chunked: ChunkedState | undefined): string {
    const action = classifyFailure(err);
    if (chunked === undefined) return errorLine(err);
    if (action.kind === "fatal") return action.message;
    // Retries ran out (offline, server errors): what is stored stays, Retry goes on from there.
    return chunked.session ? `${errorLine(err)} Retry continues where it stopped.` : errorLine(err);
  }

  const announced = new Set<number>();
  function finishBatchIfDone(batchId: number): void {
    const batch = items.filter((i) => i.batchId === batchId);
    if (announced.has(batchId) || batch.length === 0 || batch.some((i) => PENDING.has(i.status))) return;
    announced.add(batchId);
    const done = batch.filter((i) => i.status === "done").length;
    const failed = batch.filter((i) => i.status === "failed").length;
    const where = batchLabel.get(batchId) ?? "";
    if (failed > 0)
      announce(`Uploaded ${done} of ${batch.length} files to ${where}; ${failed} failed`, "error");
    else if (done > 0) announce(`Uploaded ${done} ${done === 1 ? "file" : "files"} to ${where}`, "success");
  }

  function resolveConflict(id: number, choice: ConflictChoice, applyToAll: boolean): void {
    const item = get(id);
    if (!item) return;
    if (applyToAll) {
      batchChoice.set(item.batchId, choice);
      for (const other of items) {
        if (other.batchId === item.batchId && other.status === "conflict") applyChoice(other.id, choice);
      }
    } else applyChoice(id, choice);
    pump();
    finishBatchIfDone(item.batchId);
  }

  function cancel(id: number): void {
    const item = get(id);
    if (!item || !PENDING.has(item.status)) return;
    controllers.get(id)?.abort();
    discardSession(item);
    patch(id, { status: "cancelled", speed: undefined });
    emit();
    finishBatchIfDone(item.batchId);
  }

  /** A chunked upload's session is aborted on the server (no file appears) and forgotten. */
  function discardSession(item: UploadItem): void {
    if (!item.chunked) return;
    void api.discardChunked(item.volume, item.chunked);
    patch(item.id, { chunked: undefined });
  }

  /** Chunked uploads only: stops sending, keeps what is stored; resume() goes on from there. */
  function pause(id: number): void {
    const item = get(id);
    if (!item || !canPause(item)) return;
    const controller = controllers.get(id);
    if (controller) {
      pausing.add(id);
      controller.abort();
    } else patch(id, { status: "paused" });
    emit();
  }

  function resume(id: number): void {
    const item = get(id);
    if (item?.status !== "paused") return;
    patch(id, { status: "queued", error: undefined });
    pump();
  }

  /** Continues an upload remembered from before a reload, once its file was picked again (and checked). */
  function enqueueResumed(saved: SavedUpload, file: File): void {
    const batchId = nextBatch++;
    const target = saved.session.path;
    batchLabel.set(batchId, target.includes("/") ? baseName(parentOf(target)) : saved.volume);
    items = [
      ...items,
      {
        id: nextId++,
        batchId,
        volume: saved.volume,
        volumeRoot: saved.volumeRoot,
        file,
        target,
        status: "queued",
        loaded: storedBytes(saved.session),
        overwrite: saved.overwrite,
        keepBoth: false,
        chunked: { session: saved.session, savedKey: saved.key, identity: saved.identity },
      },
    ];
    pump();
  }

  function cancelAll(): void {
    for (const item of items) if (PENDING.has(item.status)) cancel(item.id);
  }

  function retry(id: number): void {
    const item = get(id);
    if (!item || (item.status !== "failed" && item.status !== "cancelled")) return;
    announced.delete(item.batchId);
    // A cancelled chunked upload was discarded; a failed one with a session goes on from what is stored.
    const session = item.chunked?.session;
    patch(id, {
      status: "queued",
      loaded: session ? storedBytes(session) : 0,
      speed: undefined,
      error: undefined,
    });
    pump();
  }

  function retryFailed(): void {
    for (const item of items) if (item.status === "failed") retry(item.id);
  }

  function clearFinished(): void {
    items = items.filter((i) => PENDING.has(i.status) || i.status === "failed");
    emit();
  }

  return {
    /** Every upload of this page, newest last. */
    state,
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
    /** Whether anything is still queued, checking, uploading, paused or asking. */
    hasPending: () => items.some((i) => PENDING.has(i.status)),
  };
}
