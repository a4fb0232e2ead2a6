// Edits the e2e workspace's principals.json the way a developer would with a text editor: add a
// person, change their grants. The emulator and the proxy re-read the file within a second;
// these helpers wait until the change shows through the proxy before returning.
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, request } from "@playwright/test";
import type { PrincipalsFile, VolumePrivilege } from "../../local-workspace/principals";
import { E2E_WORKSPACE_DIR, workspaceInfo } from "./workspace";

// A script's credentials (HTTP Basic, as curl would send them), for waiting on the workspace from
// outside any page; the people in the UI specs sign in by clicking.
const basicAuth = (user: string) => `Basic ${Buffer.from(`${user}:`).toString("base64")}`;

const file = () => path.join(E2E_WORKSPACE_DIR, "principals.json");

function edit(change: (principals: PrincipalsFile) => void): void {
  const principals = JSON.parse(readFileSync(file(), "utf8")) as PrincipalsFile;
  change(principals);
  // Write then rename, so a reader never sees half a file.
  const tmp = `${file()}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(principals, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file());
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`the local workspace never applied: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function asUser<T>(userName: string, use: (api: APIRequestContext) => Promise<T>): Promise<T> {
  const api = await request.newContext({
    baseURL: workspaceInfo().proxyUrl,
    extraHTTPHeaders: { authorization: basicAuth(userName) },
  });
  try {
    return await use(api);
  } finally {
    await api.dispose();
  }
}

/** Adds a person to principals.json with the given grants (none by default); returns their userName. */
export async function addPrincipal(
  label: string,
  grants: Record<string, VolumePrivilege[]> = {},
): Promise<string> {
  const userName = `${label}-${randomBytes(3).toString("hex")}@example.com`;
  edit((p) => {
    p.users.push({
      id: String(4_000_000_000_000_000 + Math.floor(Math.random() * 1e12)),
      userName,
      displayName: label,
      token: `dapi${randomBytes(20).toString("hex")}`,
    });
    for (const [volume, privileges] of Object.entries(grants)) {
      const entry = p.volumes[volume];
      if (entry) entry.grants[userName] = privileges;
    }
  });
  await until(`${userName} added`, () =>
    asUser(userName, async (api) => (await api.get("/api/me")).status() === 200),
  );
  return userName;
}

/** Sets a person's grants on one volume (`main.demo.uploads`) and waits until the app sees them. */
export async function setGrants(
  userName: string,
  volumeFullName: string,
  volumeKey: string,
  privileges: VolumePrivilege[],
): Promise<void> {
  edit((p) => {
    const entry = p.volumes[volumeFullName];
    if (!entry) throw new Error(`no volume ${volumeFullName} in principals.json`);
    entry.grants[userName] = privileges;
  });
  const wantWrite = privileges.includes("WRITE_VOLUME");
  await until(`${userName}'s grants on ${volumeFullName}`, () =>
    asUser(userName, async (api) => {
      const body = (await (await api.get("/api/files/volumes")).json()) as {
        details: Array<{ key: string; actions: string[] }>;
      };
      const actions = body.details.find((d) => d.key === volumeKey)?.actions ?? [];
      return actions.includes("upload") === wantWrite;
    }),
  );
}

/** Takes a person out of principals.json again (grants included). */
export function removePrincipal(userName: string): void {
  edit((p) => {
    p.users = p.users.filter((u) => u.userName !== userName);
    for (const volume of Object.values(p.volumes)) delete volume.grants[userName];
  });
}
