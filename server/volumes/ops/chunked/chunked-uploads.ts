// The chunked-upload operations of one volume, for one request (docs/uploads.md).
import type { Readable } from "node:stream";
import type { UploadResponse } from "../../../../shared/api/files.js";
import type {
  ChunkResponse,
  CompleteUploadBody,
  StartUploadBody,
  StartUploadResponse,
  UploadStatusResponse,
} from "../../../../shared/api/uploads.js";
import type { VolumeContext } from "../../context.js";
import { type ChunkInput, sendChunk } from "./chunk.js";
import type { ChunkedUploadDeps } from "./deps.js";
import { cancelUpload, completeUpload, uploadStatus } from "./finish.js";
import { startUpload } from "./start.js";

export interface ChunkedUploads {
  start(input: StartUploadBody): Promise<StartUploadResponse>;
  chunk(token: string | undefined, input: ChunkInput, body: Readable): Promise<ChunkResponse>;
  status(token: string | undefined): Promise<UploadStatusResponse>;
  complete(token: string | undefined, body: CompleteUploadBody): Promise<UploadResponse>;
  cancel(token: string | undefined): Promise<void>;
}

export function chunkedUploads(ctx: VolumeContext, deps: ChunkedUploadDeps): ChunkedUploads {
  return {
    start: (input) => startUpload(ctx, deps, input),
    chunk: (token, input, body) => sendChunk(ctx, deps, token, input, body),
    status: (token) => uploadStatus(ctx, deps, token),
    complete: (token, body) => completeUpload(ctx, deps, token, body),
    cancel: (token) => cancelUpload(ctx, deps, token),
  };
}
