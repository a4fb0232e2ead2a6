// A live view of principals.json. A developer may edit the file while the emulator runs, so it is
// re-read when its stat changes; the stat itself happens at most every RECHECK_MS so a burst of
// requests costs one syscall, not one each.
import { stat } from "node:fs/promises";
import {
  type LocalServicePrincipal,
  type LocalUser,
  type PrincipalsFile,
  principalsPath,
  readPrincipals,
  type VolumePrivilege,
} from "../principals.js";

const RECHECK_MS = 500;

export type Principal =
  | { kind: "user"; user: LocalUser; grantKey: string }
  | { kind: "service-principal"; sp: LocalServicePrincipal; grantKey: string };

export interface VolumeEntry {
  /** The key as written in principals.json, `catalog.schema.volume`. */
  fullName: string;
  catalog: string;
  schema: string;
  volume: string;
  grants: Record<string, VolumePrivilege[]>;
}

export interface PrincipalsSnapshot {
  file: PrincipalsFile;
  byToken: Map<string, Principal>;
  /** Volumes keyed by lower-cased full name: Unity Catalog names are case-insensitive. */
  volumes: Map<string, VolumeEntry>;
}

function index(file: PrincipalsFile, log: (line: string) => void): PrincipalsSnapshot {
  const byToken = new Map<string, Principal>();
  for (const user of file.users ?? []) {
    if (user.token) byToken.set(user.token, { kind: "user", user, grantKey: user.userName });
  }
  const sp = file.servicePrincipal;
  if (sp?.token) byToken.set(sp.token, { kind: "service-principal", sp, grantKey: sp.applicationId });
  const volumes = new Map<string, VolumeEntry>();
  for (const [fullName, entry] of Object.entries(file.volumes ?? {})) {
    const parts = fullName.split(".");
    const [catalog, schema, volume] = parts;
    const safe = parts.length === 3 && parts.every((p) => /^[\w-]+$/.test(p));
    if (!safe || catalog === undefined || schema === undefined || volume === undefined) {
      log(`principals.json: ignoring volume '${fullName}' (expected catalog.schema.volume)`);
      continue;
    }
    volumes.set(fullName.toLowerCase(), { fullName, catalog, schema, volume, grants: entry.grants ?? {} });
  }
  return { file, byToken, volumes };
}

export class PrincipalStore {
  private snapshot: PrincipalsSnapshot;
  private statKey: string;
  private checkedAt = Date.now();
  private pending: Promise<void> | undefined;
  private badKey: string | undefined;

  private constructor(
    private readonly workspaceDir: string,
    private readonly log: (line: string) => void,
    snapshot: PrincipalsSnapshot,
    statKey: string,
  ) {
    this.snapshot = snapshot;
    this.statKey = statKey;
  }

  static async open(workspaceDir: string, log: (line: string) => void): Promise<PrincipalStore> {
    const key = await statKey(workspaceDir);
    const file = await readPrincipals(workspaceDir);
    if (!file) throw new Error(`No ${principalsPath(workspaceDir)}: create the local workspace first`);
    return new PrincipalStore(workspaceDir, log, index(file, log), key);
  }

  /** The current principals, re-read if the file changed since the last check. */
  async current(): Promise<PrincipalsSnapshot> {
    if (Date.now() - this.checkedAt >= RECHECK_MS) {
      this.pending ??= this.refresh().finally(() => {
        this.pending = undefined;
      });
      await this.pending;
    }
    return this.snapshot;
  }

  /**
   * The last loaded principals without waiting (for callers that cannot await, such as the
   * Apps proxy on every request); starts a re-check in the background when one is due.
   */
  latest(): PrincipalsFile {
    if (Date.now() - this.checkedAt >= RECHECK_MS) void this.current();
    return this.snapshot.file;
  }

  private async refresh(): Promise<void> {
    this.checkedAt = Date.now();
    let key: string | undefined;
    try {
      key = await statKey(this.workspaceDir);
      if (key === this.statKey || key === this.badKey) return;
      const file = await readPrincipals(this.workspaceDir);
      if (!file) throw new Error("file is missing");
      this.snapshot = index(file, this.log);
      this.statKey = key;
      this.log("principals.json changed: reloaded");
    } catch (err) {
      // Mid-edit or broken JSON: keep serving the last good version rather than locking everyone out.
      this.badKey = key;
      this.log(`principals.json not reloaded (${err instanceof Error ? err.message : String(err)})`);
    }
  }
}

async function statKey(workspaceDir: string): Promise<string> {
  const s = await stat(principalsPath(workspaceDir));
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}
