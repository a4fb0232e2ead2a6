// What every volume operation shares: the volume, who runs the call, the request's logger and
// abort signal, and the three rules applied in the same order everywhere: confine the path
// (400 before any upstream call), run the policy (403, audited), then call the Files API,
// with the SP-only cache in front of reads and invalidation after every write.
import type { Readable } from "node:stream";
import type { FileAction } from "../../shared/actions.js";
import { joinVolumePath, normaliseRelativePath } from "../../shared/paths.js";
import type { UploadsConfig, VolumeConfig, WalkLimits } from "../config/types.js";
import { fromNetworkError } from "../databricks/upstream-error.js";
import { AppError } from "../errors/app-error.js";
import { invalidPath, policyDenied, requestAborted } from "../errors/catalogue.js";
import type { Execution } from "../identity/execution.js";
import { type AuditEvent, type AuditLogger, auditLog } from "./audit.js";
import { type ReadCache, type ReadCacheKind, volumeIdentity, type WriteInvalidation } from "./read-cache.js";
import { noteWrite } from "./validators.js";

export interface VolumeContext {
  volume: VolumeConfig;
  exec: Execution;
  log: AuditLogger & { debug(obj: object, msg: string): void };
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** Present only when this call may use the shared cache (SP client on an SP volume). */
  cache?: ReadCache;
  uploads: UploadsConfig;
  /** Per upstream call, for messages about a body that stalled. */
  upstreamTimeoutMs: number;
  /** FILES_ZIP_MAX_ENTRIES (the zip op's default when absent). */
  zipMaxEntries?: number;
  /** FILES_LIST_MAX_ENTRIES and FILES_SEARCH_* (the ops' defaults when absent). */
  walkLimits?: WalkLimits;
}

export interface ResolvedPath {
  /** Canonical, relative to the volume root; `''` is the root. */
  rel: string;
  /** `/Volumes/<c>/<s>/<v>/<rel>`: what the Files client gets. */
  abs: string;
}

/** A path ending in `/` names a folder: a file operation refuses it rather than dropping the `/`. */
export function refuseFolderPath(input: string | undefined, what = "path"): void {
  if (input?.endsWith("/")) {
    throw invalidPath(
      `The ${what} ${JSON.stringify(input.slice(-100))} ends with "/", so it names a folder; name a file (no trailing "/").`,
    );
  }
}

export function resolvePath(
  ctx: VolumeContext,
  input: string | undefined,
  options: { allowRoot?: boolean; what?: string; file?: boolean } = {},
): ResolvedPath {
  const result = normaliseRelativePath(input ?? "", ctx.volume.path);
  if (!result.ok) throw invalidPath(`Invalid ${options.what ?? "path"}: ${result.reason}.`);
  if (options.file) refuseFolderPath(input, options.what);
  if (!options.allowRoot && result.path === "") {
    throw invalidPath(
      `The ${options.what ?? "path"} must name a file or folder inside the volume, not its root.`,
    );
  }
  return { rel: result.path, abs: joinVolumePath(ctx.volume.path, result.path) };
}

export function audit(
  ctx: VolumeContext,
  event: Omit<AuditEvent, "user" | "isServicePrincipal" | "executedAs" | "volume">,
): void {
  const user = ctx.exec.policyUser;
  auditLog(ctx.log, {
    user: { id: user.id, email: user.email },
    isServicePrincipal: user.isServicePrincipal,
    executedAs: ctx.exec.executedAs,
    volume: ctx.volume.key,
    ...event,
  });
}

/** Whether the volume's policy allows `action` at `rel`; never throws for a policy bug (denies). */
export async function isAllowed(
  ctx: VolumeContext,
  action: FileAction,
  rel: string,
  isDirectory?: boolean,
): Promise<boolean> {
  const resource =
    isDirectory === undefined
      ? { volume: ctx.volume.key, path: rel }
      : { volume: ctx.volume.key, path: rel, isDirectory };
  try {
    return (await ctx.volume.policy(action, resource, ctx.exec.policyUser)) === true;
  } catch (err) {
    // A custom policy that throws fails closed, and the reason stays in the log.
    ctx.log.warn({ err, action, volume: ctx.volume.key }, "policy threw; denying");
    return false;
  }
}

/** Runs the policy; a denial is audited and thrown as 403 POLICY_DENIED. */
export async function authorize(
  ctx: VolumeContext,
  action: FileAction,
  rel: string,
  options: { isDirectory?: boolean; destination?: string } = {},
): Promise<void> {
  if (await isAllowed(ctx, action, rel, options.isDirectory)) return;
  const error = policyDenied(action, ctx.volume.key);
  audit(ctx, {
    action,
    path: rel,
    destination: options.destination,
    outcome: "denied",
    status: 403,
    reason: "POLICY_DENIED",
  });
  throw error;
}

/** An SP read through the cache (when this call may use it), else straight to the Files API. */
export function cachedRead<T>(
  ctx: VolumeContext,
  kind: ReadCacheKind,
  rel: string,
  extra: string | undefined,
  load: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  // A shared load must not die with the one client that started it; timeouts still bound it.
  if (ctx.cache)
    return ctx.cache.getOrLoad({ volume: volumeIdentity(ctx.volume), kind, path: rel, extra }, () =>
      load(undefined),
    );
  return load(ctx.signal);
}

export function invalidate(ctx: VolumeContext, rel: string, options?: WriteInvalidation): void {
  const volume = volumeIdentity(ctx.volume);
  // Every write changes the served validators (ETags) of what it touched, on any volume.
  noteWrite(volume, rel, options?.subtree === true);
  // Present exactly when the volume's answers can be in the cache (SP volumes).
  ctx.cache?.invalidateWrite(volume, rel, options);
}

/** The HTTP status an error will be answered with, for audit lines. */
export function statusOf(err: unknown): number {
  return err instanceof AppError ? err.status : 500;
}

export function reasonOf(err: unknown): string {
  if (err instanceof AppError) return err.reason ? `${err.code}: ${err.reason}` : err.code;
  return "INTERNAL";
}

/**
 * Runs a write: audits its outcome and invalidates the cache whether it succeeded or not (a
 * failed write may have partly applied), before the caller answers the client.
 */
export async function runWrite<T>(
  ctx: VolumeContext,
  event: { action: FileAction; rel: string; destination?: string; invalidation?: WriteInvalidation },
  write: () => Promise<T>,
  bytesOf?: (result: T) => number | undefined,
): Promise<T> {
  try {
    const result = await write();
    audit(ctx, {
      action: event.action,
      path: event.rel,
      destination: event.destination,
      outcome: "succeeded",
      bytes: bytesOf?.(result),
    });
    return result;
  } catch (err) {
    const status = statusOf(err);
    audit(ctx, {
      action: event.action,
      path: event.rel,
      destination: event.destination,
      outcome: status === 401 || status === 403 ? "denied" : "failed",
      status,
      reason: reasonOf(err),
    });
    throw err;
  } finally {
    invalidate(ctx, event.rel, event.invalidation);
  }
}

/** Audits an upstream refusal of a read (Unity Catalog 401/403), then rethrows. */
export async function auditedRead<T>(
  ctx: VolumeContext,
  action: FileAction,
  rel: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (err) {
    const status = statusOf(err);
    if (status === 401 || status === 403) {
      audit(ctx, { action, path: rel, outcome: "denied", status, reason: reasonOf(err) });
    }
    throw err;
  }
}

/** An error while reading an upstream body ourselves (not piping it to the client). */
export function bodyReadError(ctx: VolumeContext, err: unknown, operation: string): AppError {
  if (err instanceof AppError) return err;
  if (ctx.signal.aborted) return requestAborted(operation, err);
  return fromNetworkError(err, operation, ctx.upstreamTimeoutMs);
}

/**
 * Drops an upstream body we will not read to its end. Destroying an undici body early makes it
 * emit an abort error; without a listener that error would take the process down.
 */
export function discardBody(body: Readable): void {
  if (body.destroyed) return;
  body.on("error", () => {});
  body.destroy();
}
