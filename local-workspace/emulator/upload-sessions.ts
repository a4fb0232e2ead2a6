// Upload sessions opened by `initiate-upload`: which protocol the workspace offers ("multipart" on
// AWS/Azure, "resumable" on GCP, or "none"), and for each open session its target, owner and
// staging directory on disk (`.staging/uploads/<id>/`: multipart parts, or the resumable data file).
// Sessions live in memory; their bytes never do. A session that is completed, aborted or expired
// loses its staging directory at once.
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Cloud } from "./cloud.js";
import { EmulatorApiError } from "./errors.js";

export type UploadMode = "multipart" | "resumable" | "none";
export const UPLOAD_MODES: readonly UploadMode[] = ["multipart", "resumable", "none"];
export const UPLOADS_DIR_NAME = "uploads";

/** S3 keeps an unfinished multipart upload until it is aborted (or a lifecycle rule runs, often
 *  after days); a GCS resumable session URI lives a week. */
export const DEFAULT_SESSION_TTL_MS = 7 * 24 * 3600_000;

/** The cloud's own protocol: multipart on AWS and Azure, resumable on GCP. */
export function defaultUploadMode(cloud: Cloud): UploadMode {
  return cloud === "gcp" ? "resumable" : "multipart";
}

/** `LOCAL_WORKSPACE_UPLOADS`: multipart, resumable or none; empty → undefined (the cloud's default). */
export function parseUploadMode(raw: string | undefined): UploadMode | undefined {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "") return undefined;
  if ((UPLOAD_MODES as readonly string[]).includes(value)) return value as UploadMode;
  throw new Error(`LOCAL_WORKSPACE_UPLOADS must be one of ${UPLOAD_MODES.join(", ")}, got "${raw}"`);
}

export interface UploadTarget {
  /** Canonical decoded volume path, `/Volumes/c/s/v/a.bin`. */
  path: string;
  absolute: string;
  /** The volume's root directory, for dropping parents on gcp. */
  root: string;
}

export interface StoredPart {
  etag: string;
  size: number;
  file: string;
}

export interface UploadSession {
  kind: "multipart" | "resumable";
  /** The opaque `session_token` the API answers and takes. */
  token: string;
  /** The id storage URLs name (not the token: a URL in a log must not reveal it). */
  id: string;
  target: UploadTarget;
  /** The principal that initiated it; only it may continue. */
  grantKey: string;
  overwrite: boolean;
  dir: string;
  createdAt: number;
  expiresAt: number;
  state: "open" | "completing" | "finished" | "aborted";
  /** Multipart: the last part stored per part number. */
  parts: Map<number, StoredPart>;
  /** Resumable: bytes [0, committed) are durable; `total` once a chunk declared it. */
  committed: number;
  total?: number;
  /** Resumable: chunks are applied one after another. */
  queue: Promise<void>;
}

export interface UploadCounts {
  open: number;
  initiated: number;
  completed: number;
  aborted: number;
  expired: number;
}

export class UploadSessions {
  private readonly byToken = new Map<string, UploadSession>();
  private readonly byId = new Map<string, UploadSession>();
  private counts = { initiated: 0, completed: 0, aborted: 0, expired: 0 };
  private explicitMode: UploadMode | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly cloud: Cloud,
    private readonly stagingDir: string,
    mode: UploadMode | undefined,
    private sessionTtlMs: number = DEFAULT_SESSION_TTL_MS,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.explicitMode = mode;
    // Expired sessions are swept even if nobody asks for them again.
    this.sweeper = setInterval(() => void this.sweep(), 30_000);
    this.sweeper.unref();
  }

  get uploadsDir(): string {
    return path.join(this.stagingDir, UPLOADS_DIR_NAME);
  }

  /** The protocol `initiate-upload` offers now. */
  mode(): UploadMode {
    return this.explicitMode ?? defaultUploadMode(this.cloud);
  }

  /** Changes the protocol for new sessions (tests); open sessions continue with theirs. */
  setMode(mode: UploadMode | undefined): void {
    this.explicitMode = mode;
  }

  ttlMs(): number {
    return this.sessionTtlMs;
  }

  /** Changes how long sessions live, counted from their start, for open ones too (tests). */
  setTtlMs(ms: number): void {
    this.sessionTtlMs = ms;
    for (const s of this.byId.values()) s.expiresAt = s.createdAt + ms;
  }

  async create(
    kind: UploadSession["kind"],
    target: UploadTarget,
    grantKey: string,
    overwrite: boolean,
  ): Promise<UploadSession> {
    const id = randomBytes(12).toString("hex");
    const dir = path.join(this.uploadsDir, id);
    await mkdir(dir, { recursive: true });
    const now = Date.now();
    const session: UploadSession = {
      kind,
      token: randomBytes(32).toString("base64url"),
      id,
      target,
      grantKey,
      overwrite,
      dir,
      createdAt: now,
      expiresAt: now + this.sessionTtlMs,
      state: "open",
      parts: new Map(),
      committed: 0,
      queue: Promise.resolve(),
    };
    this.byToken.set(session.token, session);
    this.byId.set(id, session);
    this.counts.initiated += 1;
    return session;
  }

  /**
   * The open session a workspace API call names: it must exist, not have expired, be for `path`
   * and belong to the caller.
   */
  async forApi(token: unknown, targetPath: string, grantKey: string): Promise<UploadSession> {
    if (typeof token !== "string" || token === "") {
      throw new EmulatorApiError(400, "INVALID_PARAMETER_VALUE", "Missing required field: session_token.");
    }
    const session = await this.live(this.byToken.get(token));
    if (!session) throw sessionNotFound();
    if (session.target.path !== targetPath) {
      throw new EmulatorApiError(
        400,
        "INVALID_PARAMETER_VALUE",
        "The session token was issued for another path.",
      );
    }
    if (session.grantKey !== grantKey) {
      throw new EmulatorApiError(
        403,
        "PERMISSION_DENIED",
        "The upload session belongs to another principal.",
      );
    }
    return session;
  }

  /** The session a storage URL names: open, or finished (a tombstone); undefined when aborted, expired or unknown. */
  async forStorage(id: string): Promise<UploadSession | undefined> {
    return this.live(this.byId.get(id));
  }

  /**
   * Ends a session: removes it and its staging directory. A completed one stays known to its
   * storage URL until it would have expired, so a client whose last answer was lost can ask and
   * learn that it finished (GCS answers 200 to a finished session URI).
   */
  async end(session: UploadSession, how: "completed" | "aborted" | "expired"): Promise<void> {
    if (this.byToken.get(session.token) !== session) return;
    this.byToken.delete(session.token);
    if (how !== "completed") this.byId.delete(session.id);
    session.state = how === "completed" ? "finished" : "aborted";
    this.counts[how] += 1;
    await rm(session.dir, { recursive: true, force: true });
    this.log(`upload session ${session.id} for ${session.target.path} ${how}`);
  }

  counters(): UploadCounts {
    return { open: this.byToken.size, ...this.counts };
  }

  resetCounters(): void {
    this.counts = { initiated: 0, completed: 0, aborted: 0, expired: 0 };
  }

  /** Ends expired sessions; returns how many. */
  async sweep(now = Date.now()): Promise<number> {
    let n = 0;
    for (const s of [...this.byId.values()]) {
      if (now < s.expiresAt) continue;
      if (s.state === "finished") {
        this.byId.delete(s.id);
        continue;
      }
      await this.end(s, "expired");
      n += 1;
    }
    return n;
  }

  /** Ends every session (emulator shutdown). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    for (const s of [...this.byToken.values()]) await this.end(s, "aborted");
  }

  private async live(session: UploadSession | undefined): Promise<UploadSession | undefined> {
    if (!session) return undefined;
    if (Date.now() >= session.expiresAt) {
      if (session.state === "finished") this.byId.delete(session.id);
      else await this.end(session, "expired");
      return undefined;
    }
    return session;
  }
}

export const sessionNotFound = () =>
  new EmulatorApiError(
    404,
    "NOT_FOUND",
    "The upload session does not exist: it was completed, aborted or has expired.",
  );
