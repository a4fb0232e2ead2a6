// One file, one request, with upload progress: files below the chunked threshold
// (features/upload/chunked). Larger files go through chunked-upload.ts.
import type { UploadResponse } from "@shared/api/files";
import { ApiError, apiErrorFrom } from "@/lib/api-client";
import { type Transport, xhrTransport } from "./http-transport";
import { filesUrl } from "./urls";

export { UploadAbortedError } from "./http-transport";

export interface UploadRequest {
  volume: string;
  /** Canonical volume-relative path of the file to create. */
  path: string;
  file: Blob;
  overwrite: boolean;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

export async function uploadFile(
  request: UploadRequest,
  transport: Transport = xhrTransport,
): Promise<UploadResponse> {
  const res = await transport({
    method: "POST",
    url: filesUrl(request.volume, "upload", { path: request.path, overwrite: request.overwrite }),
    headers: { "content-type": "application/octet-stream" },
    body: request.file,
    signal: request.signal,
    onUploadProgress: (loaded) => request.onProgress?.(loaded, request.file.size),
  });
  if (res.status < 200 || res.status >= 300) throw apiErrorFrom(res.status, res.statusText, res.text);
  try {
    return JSON.parse(res.text) as UploadResponse;
  } catch {
    throw new ApiError(res.status, "BAD_RESPONSE", "The server's answer could not be read.");
  }
}
