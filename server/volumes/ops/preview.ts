// preview: metadata plus the first bytes (one Range request) and how the UI should show the file.
// The kind comes from the extension map; the bytes then get a say: NUL bytes or invalid UTF-8
// make a "text" file binary, and an unknown extension that decodes cleanly is text.
import type { FilePreview, PreviewKind } from "../../../shared/api/files.js";
import { mimeEssence } from "../../../shared/content-types.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import {
  auditedRead,
  authorize,
  bodyReadError,
  cachedRead,
  discardBody,
  resolvePath,
  type VolumeContext,
} from "../context.js";
import { isoDate, servedContentType } from "./read.js";

export const PREVIEW_BYTES = 64 * 1024;

const BY_TYPE: Readonly<Record<string, PreviewKind>> = {
  "image/svg+xml": "svg",
  "application/pdf": "pdf",
  "application/vnd.apache.parquet": "parquet",
  "application/x-ipynb+json": "notebook",
  "text/markdown": "markdown",
  "application/json": "json",
  "application/geo+json": "json",
  "application/x-ndjson": "jsonl",
  "text/csv": "csv",
  "text/tab-separated-values": "tsv",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
  "application/xml": "text",
};

/** Kinds whose preview is text, so the first bytes are fetched and checked. */
const TEXTUAL: ReadonlySet<PreviewKind> = new Set([
  "text",
  "markdown",
  "json",
  "jsonl",
  "csv",
  "tsv",
  "html",
  "svg",
  "notebook",
]);

/** The kind by type alone; `undefined` means "unknown: let the bytes decide". */
export function kindForType(contentType: string): PreviewKind | undefined {
  const essence = mimeEssence(contentType);
  const known = BY_TYPE[essence];
  if (known) return known;
  if (essence.startsWith("image/")) return "image";
  if (essence.startsWith("audio/")) return "audio";
  if (essence.startsWith("video/")) return "video";
  if (essence.startsWith("text/")) return "text";
  return essence === "application/octet-stream" ? undefined : "binary";
}

/** The bytes as text, or null when they are not UTF-8 text (NUL bytes, invalid sequences). */
export function decodeText(bytes: Buffer, truncated: boolean): string | null {
  if (bytes.includes(0)) return null;
  try {
    // `stream: true` tolerates a multi-byte character cut at the preview boundary.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes, {
      stream: truncated,
    });
    return text;
  } catch {
    return null;
  }
}

interface Head {
  bytes: Buffer;
  totalSize?: number;
  lastModified?: string;
}

function totalFromRange(contentRange: string | undefined): number | undefined {
  const match = contentRange ? /\/(\d+)\s*$/.exec(contentRange) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

async function firstBytes(ctx: VolumeContext, abs: string, signal: AbortSignal | undefined): Promise<Head> {
  let res: Awaited<ReturnType<VolumeContext["exec"]["files"]["download"]>>;
  try {
    res = await ctx.exec.files.download(abs, { range: `bytes=0-${PREVIEW_BYTES - 1}`, signal });
  } catch (err) {
    // An empty file has no byte 0, so any range is unsatisfiable.
    if (err instanceof UpstreamError && err.upstreamStatus === 416) {
      const meta = await ctx.exec.files.getMetadata(abs, { signal });
      return { bytes: Buffer.alloc(0), totalSize: meta.contentLength, lastModified: meta.lastModified };
    }
    throw err;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // A server that ignores Range sends everything: stop reading at the preview size.
    for await (const chunk of res.body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= PREVIEW_BYTES) break;
    }
  } catch (err) {
    throw bodyReadError(ctx, err, "GET files");
  } finally {
    discardBody(res.body);
  }
  const totalSize = res.status === 206 ? totalFromRange(res.contentRange) : res.contentLength;
  return {
    bytes: Buffer.concat(chunks).subarray(0, PREVIEW_BYTES),
    totalSize,
    lastModified: res.lastModified,
  };
}

async function load(
  ctx: VolumeContext,
  rel: string,
  abs: string,
  signal?: AbortSignal,
): Promise<FilePreview> {
  const contentType = servedContentType(ctx, rel);
  const byType = kindForType(contentType);
  if (byType !== undefined && !TEXTUAL.has(byType)) {
    const meta = await ctx.exec.files.getMetadata(abs, { signal });
    return {
      contentLength: meta.contentLength,
      contentType,
      ...(isoDate(meta.lastModified) ? { lastModified: isoDate(meta.lastModified) } : {}),
      textPreview: null,
      isText: false,
      isImage: byType === "image",
      kind: byType,
      truncated: false,
    };
  }
  const head = await firstBytes(ctx, abs, signal);
  const truncated =
    head.totalSize !== undefined ? head.totalSize > head.bytes.length : head.bytes.length >= PREVIEW_BYTES;
  const text = decodeText(head.bytes, truncated);
  const kind: PreviewKind = text === null ? "binary" : (byType ?? "text");
  const lastModified = isoDate(head.lastModified);
  return {
    ...(head.totalSize !== undefined ? { contentLength: head.totalSize } : {}),
    contentType,
    ...(lastModified ? { lastModified } : {}),
    textPreview: text,
    isText: text !== null,
    isImage: kind === "svg",
    kind,
    truncated: text !== null && truncated,
  };
}

export async function preview(ctx: VolumeContext, input: string | undefined): Promise<FilePreview> {
  const { rel, abs } = resolvePath(ctx, input, { file: true });
  await authorize(ctx, "preview", rel, { isDirectory: false });
  return auditedRead(ctx, "preview", rel, () =>
    // The served type is the one input from the volume's configuration: two keys naming one
    // volume share the cache (read-cache volumeIdentity) but may map extensions differently.
    cachedRead(ctx, "preview", rel, `${PREVIEW_BYTES}|${servedContentType(ctx, rel)}`, (signal) =>
      load(ctx, rel, abs, signal),
    ),
  );
}
