// One file, one request, with upload progress. fetch() has no upload progress events, so this
// uses XMLHttpRequest. The multi-GB transport (chunks that survive the proxy's time limit) will
// replace this function behind the same signature.
import type { UploadResponse } from "../../../../shared/api/files";
import { ApiError, apiErrorFrom, CSRF_HEADER } from "../../lib/api-client";
import { filesUrl } from "./urls";

export interface UploadRequest {
  volume: string;
  /** Canonical volume-relative path of the file to create. */
  path: string;
  file: Blob;
  overwrite: boolean;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

export class UploadAbortedError extends Error {
  constructor() {
    super("The upload was cancelled.");
    this.name = "UploadAbortedError";
  }
}

export function uploadFile(request: UploadRequest): Promise<UploadResponse> {
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted) return reject(new UploadAbortedError());
    const xhr = new XMLHttpRequest();
    xhr.open(
      "POST",
      filesUrl(request.volume, "upload", { path: request.path, overwrite: request.overwrite }),
    );
    xhr.setRequestHeader(CSRF_HEADER.name, CSRF_HEADER.value);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      request.onProgress?.(event.loaded, event.lengthComputable ? event.total : request.file.size);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadResponse);
        } catch {
          reject(new ApiError(xhr.status, "BAD_RESPONSE", "The server's answer could not be read."));
        }
      } else reject(apiErrorFrom(xhr.status, xhr.statusText, xhr.responseText));
    };
    // A network failure is a TypeError, as with fetch, so callers treat both the same way.
    xhr.onerror = () => reject(new TypeError("The upload could not reach the server."));
    xhr.onabort = () => reject(new UploadAbortedError());
    request.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(request.file);
  });
}
