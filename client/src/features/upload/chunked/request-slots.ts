// A page-wide cap on chunk requests in flight. A browser opens at most 6 HTTP/1.1 connections to
// one host; several files each sending several chunks would queue behind each other inside the
// browser (where their measured time, and so the next chunk's size, would be wrong) and starve
// the listings. A chunk is timed from when it gets its slot.
import { UploadAbortedError } from "@/api/files/http-transport";

export const MAX_CHUNK_REQUESTS = 4;

export class RequestSlots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Resolves with the function that frees the slot; rejects when aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new UploadAbortedError());
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        this.used++;
        let freed = false;
        resolve(() => {
          if (freed) return;
          freed = true;
          this.used--;
          this.waiting.shift()?.();
        });
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new UploadAbortedError());
      };
      if (this.used < this.size) return grant();
      this.waiting.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  get inUse(): number {
    return this.used;
  }
}

export const chunkRequestSlots = new RequestSlots(MAX_CHUNK_REQUESTS);
