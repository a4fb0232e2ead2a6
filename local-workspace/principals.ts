// The local workspace's identities: who exists, which bearer token belongs to whom, and which
// Unity Catalog volume grants each principal holds. Kept in one human-editable JSON file
// (`<LOCAL_WORKSPACE_DIR>/principals.json`) so a developer can add a user or revoke a grant
// with a text editor; the emulator re-reads it when it changes.
import { randomBytes } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export type VolumePrivilege = "READ_VOLUME" | "WRITE_VOLUME";

export interface LocalUser {
  /** Numeric SCIM id, as Databricks assigns (a string of digits). */
  id: string;
  /** The user name, which in Databricks is the email address. */
  userName: string;
  displayName: string;
  /** A personal access token the emulator accepts for this user (`dapi…`). */
  token: string;
}

export interface LocalServicePrincipal {
  id: string;
  /** The OAuth client id (`DATABRICKS_CLIENT_ID`); grants name the SP by this id. */
  applicationId: string;
  displayName: string;
  /** The OAuth client secret (`DATABRICKS_CLIENT_SECRET`). */
  clientSecret: string;
  /** A token the emulator accepts for the SP without the OAuth dance (for curl and tests). */
  token: string;
}

export interface LocalVolume {
  /** Grants keyed by a user's userName or the SP's applicationId. */
  grants: Record<string, VolumePrivilege[]>;
}

export interface PrincipalsFile {
  workspaceId: string;
  servicePrincipal: LocalServicePrincipal;
  users: LocalUser[];
  /** Volumes keyed by full name `catalog.schema.volume`. */
  volumes: Record<string, LocalVolume>;
}

export const PRINCIPALS_FILE_NAME = "principals.json";

export function principalsPath(workspaceDir: string): string {
  return path.join(workspaceDir, PRINCIPALS_FILE_NAME);
}

export function newToken(prefix = "dapi"): string {
  return `${prefix}${randomBytes(20).toString("hex")}`;
}

function numericId(): string {
  // 16 digits, never starting with 0: the shape Databricks uses for SCIM and workspace ids.
  const digits = randomBytes(16).reduce((s, b) => s + (b % 10).toString(), "");
  return `${(Number(digits[0]) % 9) + 1}${digits.slice(1)}`;
}

export interface DemoUserSpec {
  name: string;
  displayName: string;
  /** Privileges this demo user holds on every demo volume. */
  privileges: VolumePrivilege[];
}

/** The demo users of the local workspace: one that can do everything, one reader, one with nothing. */
export const DEMO_USERS: DemoUserSpec[] = [
  { name: "alice", displayName: "Alice Example", privileges: ["READ_VOLUME", "WRITE_VOLUME"] },
  { name: "bob", displayName: "Bob Example", privileges: ["READ_VOLUME"] },
  { name: "carol", displayName: "Carol Example", privileges: [] },
];

export const DEMO_EMAIL_DOMAIN = "example.com";

export function createPrincipals(): PrincipalsFile {
  return {
    workspaceId: numericId(),
    servicePrincipal: {
      id: numericId(),
      applicationId: crypto.randomUUID(),
      displayName: "volumes-browser (app service principal)",
      clientSecret: newToken("dose"),
      token: newToken(),
    },
    users: DEMO_USERS.map((u) => ({
      id: numericId(),
      userName: `${u.name}@${DEMO_EMAIL_DOMAIN}`,
      displayName: u.displayName,
      token: newToken(),
    })),
    volumes: {},
  };
}

/**
 * Makes sure each volume exists in the file. A volume seen for the first time gets the demo
 * users' grants and the SP's privileges from the app resource; an existing one is left as the
 * developer edited it.
 */
export function ensureVolumes(
  file: PrincipalsFile,
  volumes: Array<{ fullName: string; servicePrincipalPrivileges: VolumePrivilege[] }>,
): boolean {
  let changed = false;
  for (const v of volumes) {
    if (file.volumes[v.fullName]) continue;
    const grants: Record<string, VolumePrivilege[]> = {
      [file.servicePrincipal.applicationId]: [...v.servicePrincipalPrivileges],
    };
    for (const spec of DEMO_USERS) {
      const user = file.users.find((u) => u.userName === `${spec.name}@${DEMO_EMAIL_DOMAIN}`);
      if (user && spec.privileges.length > 0) grants[user.userName] = [...spec.privileges];
    }
    file.volumes[v.fullName] = { grants };
    changed = true;
  }
  return changed;
}

export async function readPrincipals(workspaceDir: string): Promise<PrincipalsFile | undefined> {
  try {
    return JSON.parse(await readFile(principalsPath(workspaceDir), "utf8")) as PrincipalsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

export async function writePrincipals(workspaceDir: string, file: PrincipalsFile): Promise<void> {
  // Write then rename so the emulator, which re-reads on change, never sees half a file.
  const target = principalsPath(workspaceDir);
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, target);
}
