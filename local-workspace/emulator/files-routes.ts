// /api/2.0/fs/files{path}: GET, HEAD, PUT, DELETE, and POST ?action= for large uploads.
import { lstat, unlink } from "node:fs/promises";
import { dropEmptyParents } from "./cloud.js";
import { type RequestContext, resolveTarget } from "./context.js";
import { handleDownload } from "./download.js";
import { endpointNotFound, notFound } from "./errors.js";
import { handleUpload } from "./upload.js";
import { handleFilesPost } from "./upload-api-routes.js";

export const FILES_PREFIX = "/api/2.0/fs/files";

async function handleDelete(ctx: RequestContext, rawPath: string): Promise<void> {
  const target = await resolveTarget(ctx, rawPath, { directory: false, access: "write" });
  const stats = await lstat(target.absolute).catch(() => undefined);
  // The file endpoint on a directory answers like a missing file.
  if (!stats || stats.isDirectory()) throw notFound("FILES_API_FILE_NOT_FOUND", "file");
  await unlink(target.absolute);
  await dropEmptyParents(ctx.env.cloud, target.root, target.absolute);
  ctx.res.writeHead(204);
  ctx.res.end();
}

export async function handleFiles(ctx: RequestContext, rawPath: string): Promise<void> {
  switch (ctx.method) {
    case "GET":
    case "HEAD":
      return handleDownload(ctx, rawPath);
    case "PUT":
      return handleUpload(ctx, rawPath);
    case "DELETE":
      return handleDelete(ctx, rawPath);
    case "POST":
      return handleFilesPost(ctx, rawPath);
    default:
      throw endpointNotFound(ctx.method, ctx.pathname);
  }
}
