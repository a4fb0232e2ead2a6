// The volume service: every file operation with the same path, policy, identity and cache
// rules, whether an /api/files route or a custom route calls it.
//
//   const files = volumeService.forRequest(request, "uploads"); // the volume's auth mode decides
//   const mine = volumeService.asUser(request, "exports");     // always as the signed-in user
//   await files.list("reports/2024");
import type { Readable } from "node:stream";
import type { FastifyRequest } from "fastify";
import { type FileAction, isWriteAction } from "../../shared/actions.js";
import type { VolumeInfo } from "../../shared/api/volumes.js";
import type { UploadsConfig, VolumeConfig, WalkLimits } from "../config/types.js";
import type { FilesClient } from "../databricks/types.js";
import { AppError } from "../errors/app-error.js";
import { volumeNotFound } from "../errors/catalogue.js";
import { type Caller, callerOf } from "../identity/caller.js";
import type { ExecutedAs, Execution, IdentityResolver } from "../identity/execution.js";
import { allowedActions } from "../policy/allowed-actions.js";
import { describePolicy } from "../policy/describe.js";
import type { PolicyUser } from "../policy/types.js";
import { resolvePath, type VolumeContext } from "./context.js";
import { probeUserGrants, withinGrants } from "./grant-probe.js";
import { observedFiles } from "./observed-files.js";
import type { UserCallObserver } from "./observers.js";
import { type ChunkedUploads, chunkedUploads } from "./ops/chunked/chunked-uploads.js";
import type { ChunkedUploadDeps } from "./ops/chunked/deps.js";
import { copy } from "./ops/copy.js";
import { folderStats } from "./ops/folder-stats.js";
import { listStream } from "./ops/list-stream.js";
import { move } from "./ops/move.js";
import { preview } from "./ops/preview.js";
import { exists, type ListOptions, list, metadata, read } from "./ops/read.js";
import { search } from "./ops/search.js";
import { type ServeRequest, serveFile, serveHead } from "./ops/serve.js";
import { type IncomingPart, uploadParts, uploadStream } from "./ops/upload.js";
import { mkdir, remove } from "./ops/write.js";
import { zip } from "./ops/zip.js";
import type { ReadCache } from "./read-cache.js";

export interface VolumeServiceOptions {
  volumes: readonly VolumeConfig[];
  identity: IdentityResolver;
  /** The SP read cache; absent when FILES_CACHE_TTL=0. */
  cache?: ReadCache;
  uploads: UploadsConfig;
  /** What chunked uploads share across requests (sealer, held-open PUTs, chunk cap). */
  chunked: ChunkedUploadDeps;
  upstreamTimeoutMs: number;
  /** FILES_ZIP_MAX_ENTRIES. */
  zipMaxEntries?: number;
  /** FILES_LIST_MAX_ENTRIES and FILES_SEARCH_* (the ops' defaults when absent). */
  walkLimits?: WalkLimits;
}

/** One volume, as one caller, for one request. Paths are volume-relative (or absolute inside it). */
export interface VolumeHandle {
  readonly volume: VolumeConfig;
  readonly executedAs: ExecutedAs;
  readonly policyUser: PolicyUser;
  list(path?: string, options?: ListOptions): ReturnType<typeof list>;
  metadata(path: string): ReturnType<typeof metadata>;
  exists(path: string): ReturnType<typeof exists>;
  preview(path: string): ReturnType<typeof preview>;
  /** Whole file as UTF-8 text, up to `maxBytes` (default 10 MiB; 413 beyond). */
  read(path: string, maxBytes?: number): ReturnType<typeof read>;
  download(path: string, request?: ServeRequest): ReturnType<typeof serveFile>;
  raw(path: string, request?: ServeRequest): ReturnType<typeof serveFile>;
  /** The headers download or raw would send, without moving bytes (for HEAD). */
  head(path: string, mode: "download" | "raw", request?: ServeRequest): ReturnType<typeof serveHead>;
  upload(
    path: string,
    body: Readable,
    options?: { overwrite?: boolean; contentLength?: number },
  ): ReturnType<typeof uploadStream>;
  uploadMultipart(
    dir: string,
    parts: AsyncIterable<IncomingPart>,
    options?: { overwrite?: boolean },
  ): ReturnType<typeof uploadParts>;
  /** Uploads in chunks, each its own short request (docs/uploads.md). */
  readonly chunked: ChunkedUploads;
  mkdir(path: string): ReturnType<typeof mkdir>;
  delete(path: string, options?: { recursive?: boolean }): ReturnType<typeof remove>;
  move(from: string, to: string, options?: { overwrite?: boolean }): ReturnType<typeof move>;
  zip(paths: string[], name?: string): ReturnType<typeof zip>;
  /** What the policy lets this caller do at `path` (advisory: Unity Catalog may still refuse). */
  allowedActions(path?: string): Promise<FileAction[]>;
  /** The whole folder as NDJSON lines (shared/api/streams.ts), pages pulled as the reader reads. */
  listStream(path?: string): ReturnType<typeof listStream>;
  /** Matches by name in `path` and every folder below it, as NDJSON lines. */
  search(path: string | undefined, query: string): ReturnType<typeof search>;
  /** Recursive totals of `path` as NDJSON progress lines and an end line. */
  folderStats(path?: string): ReturnType<typeof folderStats>;
}

export interface VolumeService {
  readonly volumes: readonly VolumeConfig[];
  /** The volume, or 404 naming the configured ones. */
  volume(key: string): VolumeConfig;
  forRequest(request: FastifyRequest, volumeKey: string): VolumeHandle;
  asUser(request: FastifyRequest, volumeKey: string): VolumeHandle;
  /** Duplicates `from` in one volume to `to` in another (or the same), each in its own auth mode. */
  copy(
    request: FastifyRequest,
    source: { volume: string; path: string },
    destination: { volume: string; path: string },
    options?: { overwrite?: boolean },
  ): ReturnType<typeof copy>;
  /** GET /api/files/volumes `details`, for this caller. */
  describe(request: FastifyRequest): Promise<VolumeInfo[]>;
  /** The app's own client, for checks that must run as the service principal. */
  readonly servicePrincipalFiles: FilesClient;
  /** Registers hooks on on-behalf-of-user requests (the diagnostics learn from them); returns the removal. */
  observe(observer: UserCallObserver): () => void;
}

/**
 * The handle a route gets per request: a class, so a request allocates one object and its
 * context rather than a closure per operation (docs/performance.md).
 */
class RequestVolume implements VolumeHandle {
  constructor(
    private readonly ctx: VolumeContext,
    private readonly chunkedDeps: ChunkedUploadDeps,
  ) {}
  get volume() {
    return this.ctx.volume;
  }
  get executedAs() {
    return this.ctx.exec.executedAs;
  }
  get policyUser() {
    return this.ctx.exec.policyUser;
  }
  get chunked() {
    return chunkedUploads(this.ctx, this.chunkedDeps);
  }
  list(path?: string, options?: ListOptions) {
    return list(this.ctx, path, options);
  }
  metadata(path: string) {
    return metadata(this.ctx, path);
  }
  exists(path: string) {
    return exists(this.ctx, path);
  }
  preview(path: string) {
    return preview(this.ctx, path);
  }
  read(path: string, maxBytes?: number) {
    return read(this.ctx, path, maxBytes);
  }
  download(path: string, request: ServeRequest = {}) {
    return serveFile(this.ctx, path, "download", request);
  }
  raw(path: string, request: ServeRequest = {}) {
    return serveFile(this.ctx, path, "raw", request);
  }
  head(path: string, mode: "download" | "raw", request: ServeRequest = {}) {
    return serveHead(this.ctx, path, mode, request);
  }
  upload(path: string, body: Readable, options: { overwrite?: boolean; contentLength?: number } = {}) {
    return uploadStream(this.ctx, path, body, {
      overwrite: options.overwrite ?? false,
      contentLength: options.contentLength,
    });
  }
  uploadMultipart(dir: string, parts: AsyncIterable<IncomingPart>, options: { overwrite?: boolean } = {}) {
    return uploadParts(this.ctx, dir, parts, { overwrite: options.overwrite ?? false });
  }
  mkdir(path: string) {
    return mkdir(this.ctx, path);
  }
  delete(path: string, options: { recursive?: boolean } = {}) {
    return remove(this.ctx, path, { recursive: options.recursive ?? false });
  }
  move(from: string, to: string, options: { overwrite?: boolean } = {}) {
    return move(this.ctx, from, to, { overwrite: options.overwrite ?? false });
  }
  zip(paths: string[], name?: string) {
    return zip(this.ctx, paths, name);
  }
  async allowedActions(path?: string) {
    const { rel } = resolvePath(this.ctx, path, { allowRoot: true });
    return allowedActions(this.ctx.volume.policy, this.ctx.volume.key, this.ctx.exec.policyUser, rel);
  }
  listStream(path?: string) {
    return listStream(this.ctx, path);
  }
  search(path: string | undefined, query: string) {
    return search(this.ctx, path, query);
  }
  folderStats(path?: string) {
    return folderStats(this.ctx, path);
  }
}

export function createVolumeService(options: VolumeServiceOptions): VolumeService {
  const byKey = new Map(options.volumes.map((v) => [v.key, v]));

  function volume(key: string): VolumeConfig {
    const found = byKey.get(key);
    if (found) return found;
    throw volumeNotFound(
      key,
      options.volumes.map((v) => v.key),
    );
  }

  const observers = new Set<UserCallObserver>();

  // On-behalf-of-user volumes: what each request shows, for the registered observers.
  function observed(config: VolumeConfig, caller: Caller, resolve: () => Execution): Execution {
    if (observers.size === 0 || config.auth !== "on-behalf-of-user") return resolve();
    let exec: Execution;
    try {
      exec = resolve();
    } catch (error) {
      for (const o of observers) o.identityResolved?.(config, caller, { error });
      throw error;
    }
    for (const o of observers) o.identityResolved?.(config, caller, { exec });
    if (exec.executedAs !== "user") return exec;
    const ended = (err?: unknown) => {
      for (const o of observers) o.userCallEnded?.(config, err);
    };
    return { ...exec, files: observedFiles(exec.files, ended) };
  }

  function contextFor(request: FastifyRequest, config: VolumeConfig, exec: Execution): VolumeContext {
    return {
      volume: config,
      exec,
      log: request.log,
      signal: request.abortSignal,
      // OBO answers depend on the user's grants: they never enter (or come from) the shared cache.
      cache: exec.cacheable ? options.cache : undefined,
      uploads: options.uploads,
      upstreamTimeoutMs: options.upstreamTimeoutMs,
      zipMaxEntries: options.zipMaxEntries,
      walkLimits: options.walkLimits,
    };
  }

  /** The volume as its auth mode says: the service principal, or the signed-in user. */
  function requestContext(request: FastifyRequest, key: string): VolumeContext {
    const config = volume(key);
    const caller = callerOf(request);
    return contextFor(
      request,
      config,
      observed(config, caller, () => options.identity.forVolume(config.auth, caller, request.log)),
    );
  }

  return {
    volumes: options.volumes,
    volume,
    servicePrincipalFiles: options.identity.servicePrincipalFiles,
    observe(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    forRequest: (request, key) => new RequestVolume(requestContext(request, key), options.chunked),
    copy(request, source, destination, copyOptions = {}) {
      const src = requestContext(request, source.volume);
      const dst = source.volume === destination.volume ? src : requestContext(request, destination.volume);
      return copy(src, dst, source.path, destination.path, { overwrite: copyOptions.overwrite ?? false });
    },
    asUser(request, key) {
      const config = volume(key);
      return new RequestVolume(
        contextFor(request, config, options.identity.asUser(callerOf(request), request.log)),
        options.chunked,
      );
    },
    async describe(request) {
      const caller = callerOf(request);
      return Promise.all(
        options.volumes.map(async (config): Promise<VolumeInfo> => {
          const info: VolumeInfo = {
            key: config.key,
            path: config.path,
            auth: config.auth,
            maxUploadSize: config.maxUploadSize,
            maxUploadSizeLabel: config.maxUploadSizeLabel,
            policy: config.policyExpression,
            actions: [],
            places: [],
          };
          let exec: Execution;
          try {
            // Quiet: listing volumes must not log a fallback warning per volume and request.
            exec = options.identity.forVolume(config.auth, caller, { warn: () => {} });
          } catch (err) {
            // e.g. an OBO volume without a user token: every request would be refused.
            info.unavailable = err instanceof AppError ? err.message : "This volume cannot be used.";
            return info;
          }
          info.executedAs = exec.executedAs;
          const policy = await describePolicy(config.policy, config.key, exec.policyUser);
          info.actions = policy.root;
          info.places = policy.places;
          if (exec.executedAs === "user") {
            // The user's own grants apply on top of the policy, in every folder: show what they allow.
            const wantsWrites = [policy.root, ...policy.places.map((p) => p.actions)]
              .flat()
              .some(isWriteAction);
            const probe = await probeUserGrants(exec.files, config.path, wantsWrites, request.abortSignal);
            if (probe.deniedBy) {
              info.deniedBy = probe.deniedBy;
              info.grantsDeny = probe.denied;
              info.actions = withinGrants(policy.root, probe.denied);
              info.places = policy.places
                .map((place) => ({ ...place, actions: withinGrants(place.actions, probe.denied) }))
                .filter((place) => place.actions.some((a) => !info.actions.includes(a)));
            }
          }
          return info;
        }),
      );
    },
  };
}
