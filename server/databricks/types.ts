// The Files client's public contract: what the volume service codes against.
import type { Readable } from "node:stream";
import type { LargeUploadApi } from "./large-upload-api.js";
import type { ListPage } from "./list.js";
import type { Pacer } from "./pacer.js";
import type { BodyRules } from "./upload-body.js";

export interface FileMetadata {
  contentLength: number;
  contentType?: string;
  /** The HTTP date as sent. */
  lastModified?: string;
  /** The response's Date header: the Files API's clock, to compare lastModified with. */
  date?: string;
}

export interface DownloadResponse {
  status: 200 | 206;
  body: Readable;
  contentLength?: number;
  contentType?: string;
  lastModified?: string;
  contentRange?: string;
  acceptRanges?: string;
  /** The response's Date header. */
  date?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface FilesClient {
  listPage(
    dirPath: string,
    opts?: CallOptions & { pageSize?: number; pageToken?: string },
  ): Promise<ListPage>;
  getMetadata(filePath: string, opts?: CallOptions): Promise<FileMetadata>;
  directoryExists(dirPath: string, opts?: CallOptions): Promise<boolean>;
  download(
    filePath: string,
    opts?: CallOptions & { range?: string; ifUnmodifiedSince?: string },
  ): Promise<DownloadResponse>;
  /** Streams `body` to the file through one guard (upload-body.ts); resolves to the bytes written. */
  upload(
    filePath: string,
    body: Readable,
    opts: CallOptions & {
      overwrite: boolean;
      contentLength?: number;
      /** The body's rules; the idle gap defaults to the client's timeout. */
      rules?: Partial<Omit<BodyRules, "operation">>;
    },
  ): Promise<number>;
  createDirectory(dirPath: string, opts?: CallOptions): Promise<void>;
  deleteFile(filePath: string, opts?: CallOptions): Promise<void>;
  deleteDirectory(dirPath: string, opts?: CallOptions): Promise<void>;
  /** The Files API's large-upload calls (multipart / resumable sessions), as this identity. */
  readonly largeUploads?: LargeUploadApi;
  /** The pacer of the identity this client calls as (pacer.ts); undefined when unpaced. */
  readonly pacer?: Pacer;
}
