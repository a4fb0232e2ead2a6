// /api/2.0/fs/directories{path}: GET (list), HEAD (exists), PUT (mkdir -p), DELETE (empty only).
import type { Dirent } from "node:fs";
import { mkdir, readdir, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import { dropEmptyParents } from "./cloud.js";
import { errnoCode, type RequestContext, resolveTarget } from "./context.js";
import {
  alreadyExists,
  EmulatorApiError,
  endpointNotFound,
  invalidParameter,
  notFound,
  sendJson,
} from "./errors.js";

export const DIRECTORIES_PREFIX = "/api/2.0/fs/directories";
/** Default and maximum page size; larger requested sizes are clamped, as the contract allows. */
export const MAX_PAGE_SIZE = 1000;

const directoryNotFound = () => notFound("FILES_API_DIRECTORY_NOT_FOUND", "directory");

async function isDirectory(absolute: string): Promise<boolean> {
  const stats = await stat(absolute).catch(() => undefined);
  return stats?.isDirectory() ?? false;
}

// Page tokens are opaque to clients: a versioned cursor holding the last name already returned.
const encodeToken = (afterName: string) => Buffer.from(`c1:${afterName}`, "utf8").toString("base64url");

function decodeToken(token: string): string {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith("c1:")) throw invalidParameter(`Invalid page_token: '${token}'`);
  return text.slice(3);
}

function parsePageSize(value: string | null): number {
  if (value === null) return MAX_PAGE_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) throw invalidParameter(`Invalid page_size: '${value}'`);
  return Math.min(size, MAX_PAGE_SIZE);
}

interface ListEntry {
  path: string;
  name: string;
  is_directory: boolean;
  file_size?: number;
  last_modified?: number;
}

async function handleList(ctx: RequestContext, rawPath: string): Promise<void> {
  const target = await resolveTarget(ctx, rawPath, { directory: true, access: "read" });
  const pageSize = parsePageSize(ctx.query.get("page_size"));
  const token = ctx.query.get("page_token");
  const after = token ? decodeToken(token) : undefined;
  let dirents: Dirent[];
  try {
    dirents = await readdir(target.absolute, { withFileTypes: true });
  } catch {
    throw directoryNotFound();
  }
  if (ctx.fault?.emptyPage) {
    return sendJson(ctx.res, 200, { contents: [], next_page_token: encodeToken(after ?? "") });
  }
  // Sorted by code unit so the cursor order is stable; only files and directories are exposed.
  const names = dirents
    .filter((d) => d.isFile() || d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const remaining = after === undefined ? names : names.filter((n) => n > after);
  const page = remaining.slice(0, pageSize);
  const contents: ListEntry[] = [];
  for (const name of page) {
    const stats = await stat(path.join(target.absolute, name)).catch(() => undefined);
    if (!stats) continue; // deleted while listing
    const entryPath = `${target.vpath.path}/${name}`;
    contents.push(
      stats.isDirectory()
        ? { path: entryPath, name, is_directory: true }
        : {
            path: entryPath,
            name,
            is_directory: false,
            file_size: stats.size,
            last_modified: Math.floor(stats.mtimeMs),
          },
    );
  }
  const body: { contents?: ListEntry[]; next_page_token?: string } = {};
  if (contents.length > 0) body.contents = contents;
  const lastName = page.at(-1);
  if (remaining.length > page.length && lastName !== undefined) body.next_page_token = encodeToken(lastName);
  sendJson(ctx.res, 200, body);
}

async function handleExists(ctx: RequestContext, rawPath: string): Promise<void> {
  const target = await resolveTarget(ctx, rawPath, { directory: true, access: "read" });
  if (!(await isDirectory(target.absolute))) throw directoryNotFound();
  ctx.res.writeHead(200);
  ctx.res.end();
}

async function handleMkdir(ctx: RequestContext, rawPath: string): Promise<void> {
  const target = await resolveTarget(ctx, rawPath, { directory: true, access: "write" });
  try {
    await mkdir(target.absolute, { recursive: true });
  } catch (err) {
    const code = errnoCode(err);
    if (code === "EEXIST" || code === "ENOTDIR") {
      throw alreadyExists(
        "A file already exists at the path or at one of its parents.",
        "FILES_API_FILE_ALREADY_EXISTS",
      );
    }
    throw err;
  }
  ctx.res.writeHead(204);
  ctx.res.end();
}

async function handleRmdir(ctx: RequestContext, rawPath: string): Promise<void> {
  const target = await resolveTarget(ctx, rawPath, { directory: true, access: "write" });
  if (target.vpath.segments.length === 0) {
    throw new EmulatorApiError(
      400,
      "BAD_REQUEST",
      "The root directory of a volume cannot be deleted.",
      "FILES_API_INVALID_PATH",
    );
  }
  try {
    await rmdir(target.absolute);
    await dropEmptyParents(ctx.env.cloud, target.root, target.absolute);
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOTEMPTY" || code === "EEXIST") {
      throw invalidParameter("The directory being deleted is not empty.", "FILES_API_DIRECTORY_IS_NOT_EMPTY");
    }
    if (code === "ENOENT" || code === "ENOTDIR") {
      // What a GCS-backed volume answers once the directory vanished with its last child.
      throw ctx.env.cloud === "gcp"
        ? notFound("FILES_API_DIRECTORY_IS_NOT_FOUND", "directory")
        : directoryNotFound();
    }
    throw err;
  }
  ctx.res.writeHead(204);
  ctx.res.end();
}

export async function handleDirectories(ctx: RequestContext, rawPath: string): Promise<void> {
  switch (ctx.method) {
    case "GET":
      return handleList(ctx, rawPath);
    case "HEAD":
      return handleExists(ctx, rawPath);
    case "PUT":
      return handleMkdir(ctx, rawPath);
    case "DELETE":
      return handleRmdir(ctx, rawPath);
    default:
      throw endpointNotFound(ctx.method, ctx.pathname);
  }
}
