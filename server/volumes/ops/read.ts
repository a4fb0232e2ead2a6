// Read operations answered with JSON or text: list, metadata, exists, read.
import type { FileAction } from "../../../shared/actions.js";
import type { DirectoryEntry, ExistsResponse, FileMetadata } from "../../../shared/api/files.js";
import { contentTypeFor, DEFAULT_CONTENT_TYPE } from "../../../shared/content-types.js";
import { baseName } from "../../../shared/paths.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import { fileTooLarge } from "../../errors/catalogue.js";
import { allowedActions } from "../../policy/allowed-actions.js";
import {
  auditedRead,
  authorize,
  bodyReadError,
  cachedRead,
  discardBody,
  resolvePath,
  type VolumeContext,
} from "../context.js";
import { type ServedListPage, servedListPage } from "./served-list-page.js";

export interface ListOptions {
  pageSize?: number;
  pageToken?: string;
}

export interface ListResult {
  /** The page as the list route sends it (served-list-page.ts). */
  page: ServedListPage;
  /** The page's entries as objects, parsed on demand: the route itself never needs them. */
  readonly entries: DirectoryEntry[];
  readonly nextPageToken?: string;
  /** What the policy lets this caller do in the listed folder (advisory: Unity Catalog may still refuse). */
  allowedActions: FileAction[];
}

export async function list(
  ctx: VolumeContext,
  input: string | undefined,
  options: ListOptions = {},
): Promise<ListResult> {
  const { rel, abs } = resolvePath(ctx, input, { allowRoot: true });
  await authorize(ctx, "list", rel, { isDirectory: true });
  const extra = `${options.pageSize ?? ""}|${options.pageToken ?? ""}`;
  const page = await auditedRead(ctx, "list", rel, () =>
    cachedRead(ctx, "list", rel, extra, async (signal) =>
      servedListPage(
        await ctx.exec.files.listPage(abs, {
          pageSize: options.pageSize,
          pageToken: options.pageToken,
          signal,
        }),
      ),
    ),
  );
  const actions = await allowedActions(ctx.volume.policy, ctx.volume.key, ctx.exec.policyUser, rel);
  return {
    page,
    get entries() {
      return JSON.parse(page.json) as DirectoryEntry[];
    },
    nextPageToken: page.nextPageToken,
    allowedActions: actions,
  };
}

export function isoDate(httpDate: string | undefined): string | undefined {
  if (!httpDate) return undefined;
  const time = Date.parse(httpDate);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The type we serve a name as: the extension map (plus the volume's), never what an uploader claimed. */
export function servedContentType(ctx: VolumeContext, rel: string): string {
  return contentTypeFor(baseName(rel), ctx.volume.contentTypes);
}

export async function metadata(ctx: VolumeContext, input: string | undefined): Promise<FileMetadata> {
  const { rel, abs } = resolvePath(ctx, input, { file: true });
  await authorize(ctx, "metadata", rel, { isDirectory: false });
  const meta = await auditedRead(ctx, "metadata", rel, () =>
    cachedRead(ctx, "metadata", rel, undefined, (signal) => ctx.exec.files.getMetadata(abs, { signal })),
  );
  const ours = servedContentType(ctx, rel);
  const out: FileMetadata = {
    contentLength: meta.contentLength,
    // For display only; serving always uses the extension map.
    contentType: ours === DEFAULT_CONTENT_TYPE && meta.contentType ? meta.contentType : ours,
  };
  const lastModified = isoDate(meta.lastModified);
  if (lastModified) out.lastModified = lastModified;
  return out;
}

const isNotFound = (err: unknown) => err instanceof UpstreamError && err.upstreamStatus === 404;

export async function exists(ctx: VolumeContext, input: string | undefined): Promise<ExistsResponse> {
  const { rel, abs } = resolvePath(ctx, input, { allowRoot: true });
  await authorize(ctx, "exists", rel);
  return auditedRead(ctx, "exists", rel, () =>
    cachedRead(ctx, "exists", rel, undefined, async (signal): Promise<ExistsResponse> => {
      if (rel !== "") {
        try {
          await ctx.exec.files.getMetadata(abs, { signal });
          return { exists: true, type: "file" };
        } catch (err) {
          // The files endpoint answers 404 for a directory path: ask the directories endpoint.
          if (!isNotFound(err)) throw err;
        }
      }
      const isDir = await ctx.exec.files.directoryExists(abs, { signal });
      return isDir ? { exists: true, type: "directory" } : { exists: false };
    }),
  );
}

/** Like AppKit's read: whole files as text up to a cap; bigger ones belong to download. */
export const READ_MAX_BYTES = 10 * 1024 * 1024;

export async function read(ctx: VolumeContext, input: string | undefined, maxBytes = READ_MAX_BYTES) {
  const { rel, abs } = resolvePath(ctx, input, { file: true });
  await authorize(ctx, "read", rel, { isDirectory: false });
  const res = await auditedRead(ctx, "read", rel, () => ctx.exec.files.download(abs, { signal: ctx.signal }));
  if (res.contentLength !== undefined && res.contentLength > maxBytes) {
    discardBody(res.body);
    throw fileTooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw fileTooLarge(maxBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    discardBody(res.body);
    throw bodyReadError(ctx, err, "GET files");
  }
  return Buffer.concat(chunks).toString("utf8");
}
