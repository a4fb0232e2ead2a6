// <LOCAL_WORKSPACE_DIR>/workspace.json: everything another tool needs to use the local
// workspace (the SDK, curl, tests, benchmarks): endpoints, volume paths and demo credentials.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { PrincipalsFile } from "./principals.js";

export interface WorkspaceInfo {
  proxyUrl: string;
  appUrl: string;
  emulatorUrl: string;
  workspaceId: string;
  volumes: Record<string, string>;
  servicePrincipal: { id: string; clientId: string; clientSecret: string; token: string };
  users: Array<{ name: string; userName: string; displayName: string; token: string }>;
  /** The emulator's cloud (LOCAL_WORKSPACE_CLOUD): aws, azure or gcp. */
  cloud?: string;
  /** The emulator's per-principal rate limit (LOCAL_WORKSPACE_RATE_LIMIT); false when off. */
  rateLimit?: { concurrent: number; perSecond: number } | false;
}

export function workspaceInfo(input: {
  proxyUrl: string;
  appUrl: string;
  emulatorUrl: string;
  volumes: Array<{ key: string; fullName: string }>;
  principals: PrincipalsFile;
  cloud?: string;
  rateLimit?: { concurrent: number; perSecond: number } | false;
}): WorkspaceInfo {
  const sp = input.principals.servicePrincipal;
  return {
    proxyUrl: input.proxyUrl,
    appUrl: input.appUrl,
    emulatorUrl: input.emulatorUrl,
    workspaceId: input.principals.workspaceId,
    volumes: Object.fromEntries(
      input.volumes.map((v) => [v.key, `/Volumes/${v.fullName.split(".").join("/")}`]),
    ),
    servicePrincipal: {
      id: sp.id,
      clientId: sp.applicationId,
      clientSecret: sp.clientSecret,
      token: sp.token,
    },
    users: input.principals.users.map((u) => ({
      name: u.userName.split("@")[0] ?? u.userName,
      userName: u.userName,
      displayName: u.displayName,
      token: u.token,
    })),
    ...(input.cloud ? { cloud: input.cloud } : {}),
    ...(input.rateLimit !== undefined ? { rateLimit: input.rateLimit } : {}),
  };
}

export async function writeWorkspaceInfo(workspaceDir: string, info: WorkspaceInfo): Promise<string> {
  const file = path.join(workspaceDir, "workspace.json");
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return file;
}
