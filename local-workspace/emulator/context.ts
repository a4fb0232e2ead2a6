// What every route handler gets: the request, the emulator's shared state, the caller and any
// fault rule that applies to this request.
import { mkdir } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { type Access, authorize } from "./auth.js";
import type { Cloud } from "./cloud.js";
import { EmulatorApiError } from "./errors.js";
import type { ActiveFault, FaultInjector } from "./faults.js";
import type { OAuthIssuer } from "./oauth.js";
import { parseVolumePath, type VolumePath } from "./paths.js";
import type { UrlSigner } from "./presigned.js";
import type { Principal, PrincipalStore, PrincipalsSnapshot, VolumeEntry } from "./principal-store.js";
import type { RateLimiter } from "./rate-limit.js";
import type { EmulatorStats } from "./stats.js";
import type { UploadSessions } from "./upload-sessions.js";

export interface ServerEnv {
  volumesDir: string;
  stagingDir: string;
  maxPutBytes: number;
  principals: PrincipalStore;
  oauth: OAuthIssuer;
  faults: FaultInjector;
  stats: EmulatorStats;
  rateLimiter: RateLimiter;
  cloud: Cloud;
  /** Multipart/resumable upload sessions and the protocol offered (upload-sessions.ts). */
  uploads: UploadSessions;
  /** Signs and checks the presigned storage URLs (presigned.ts). */
  signer: UrlSigner;
  log: (line: string) => void;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  env: ServerEnv;
  method: string;
  /** The raw (still percent-encoded) request path. */
  pathname: string;
  query: URLSearchParams;
  snapshot: PrincipalsSnapshot;
  principal: Principal;
  fault: ActiveFault | undefined;
}

export interface Target {
  vpath: VolumePath;
  volume: VolumeEntry;
  /** The volume's root directory on disk. */
  root: string;
  /** The target's absolute path on disk. */
  absolute: string;
}

type NotFoundReason = "FILES_API_FILE_NOT_FOUND" | "FILES_API_DIRECTORY_NOT_FOUND";

/** Validates the path, finds its volume and checks the caller's grant on it. */
export async function resolveTarget(
  ctx: RequestContext,
  rawPath: string,
  options: { directory: boolean; access: Access },
): Promise<Target> {
  const vpath = parseVolumePath(rawPath, options.directory);
  const key = `${vpath.catalog}.${vpath.schema}.${vpath.volume}`.toLowerCase();
  const volume = ctx.snapshot.volumes.get(key);
  if (!volume) {
    const reason: NotFoundReason = options.directory
      ? "FILES_API_DIRECTORY_NOT_FOUND"
      : "FILES_API_FILE_NOT_FOUND";
    throw new EmulatorApiError(
      404,
      "NOT_FOUND",
      `Volume '${vpath.catalog}.${vpath.schema}.${vpath.volume}' does not exist.`,
      reason,
    );
  }
  authorize(ctx.principal, volume, options.access);
  const root = path.join(ctx.env.volumesDir, volume.catalog, volume.schema, volume.volume);
  // A volume listed in principals.json exists even before anything was written to it.
  await mkdir(root, { recursive: true });
  return { vpath, volume, root, absolute: path.join(root, ...vpath.segments) };
}

export function errnoCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err && typeof err.code === "string"
    ? err.code
    : undefined;
}
