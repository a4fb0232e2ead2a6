// A local workspace for the diagnostics tests: an emulator whose volumes and service-principal
// grants each test chooses, the app's config parsed from a real environment, and the SP's Files
// client authenticated with OAuth M2M exactly as on Databricks Apps.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Config } from "@databricks/sdk-experimental";
import { type Emulator, startEmulator, volumeDir } from "../../../local-workspace/emulator/index.js";
import {
  createPrincipals,
  type PrincipalsFile,
  type VolumePrivilege,
  writePrincipals,
} from "../../../local-workspace/principals.js";
import { parseConfig } from "../../config/parse-config.js";
import type { VolumeConfig } from "../../config/types.js";
import { createServicePrincipalConfig } from "../../databricks/configs.js";
import { sdkCredentials } from "../../databricks/credentials.js";
import { fetchCurrentUser } from "../../databricks/current-user.js";
import { createFilesClient } from "../../databricks/files-client.js";
import type { FilesClient } from "../../databricks/types.js";
import type { DiagnosticsPrincipal } from "../types.js";

export interface TestVolume {
  /** catalog.schema.volume; `spGrants: undefined` leaves it out of the workspace (a missing volume). */
  fullName: string;
  spGrants?: VolumePrivilege[];
}

export interface DiagnosticsWorkspace {
  emulator: Emulator;
  principals: PrincipalsFile;
  spConfig: Config;
  spFiles: FilesClient;
  spIdentity: DiagnosticsPrincipal;
  /** parseConfig over DATABRICKS_VOLUME_* for `env` and the given settings. */
  volumes(env: Record<string, string>): VolumeConfig[];
  /** Names in a volume's root folder on disk. */
  entriesOnDisk(fullName: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startDiagnosticsWorkspace(testVolumes: TestVolume[]): Promise<DiagnosticsWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "diagnostics-test-"));
  const principals = createPrincipals();
  const sp = principals.servicePrincipal;
  const alice = principals.users[0]?.userName ?? "";
  for (const v of testVolumes) {
    if (!v.spGrants) continue;
    // The first demo user (alice) may read and write everywhere, for on-behalf-of-user calls.
    principals.volumes[v.fullName] = {
      grants: { [sp.applicationId]: v.spGrants, [alice]: ["READ_VOLUME", "WRITE_VOLUME"] },
    };
  }
  await writePrincipals(dir, principals);
  const emulator = await startEmulator({ workspaceDir: dir, testHooks: true });
  const config = await createServicePrincipalConfig({
    env: {
      DATABRICKS_HOST: emulator.url,
      DATABRICKS_CLIENT_ID: sp.applicationId,
      DATABRICKS_CLIENT_SECRET: sp.clientSecret,
      DATABRICKS_CONFIG_FILE: path.join(dir, "no-databrickscfg"),
    },
  });
  const me = await fetchCurrentUser({ credentials: sdkCredentials(config) });
  return {
    emulator,
    principals,
    spConfig: config,
    spFiles: createFilesClient({
      credentials: sdkCredentials(config),
      timeoutMs: 5_000,
      retries: { max: 0 },
    }),
    spIdentity: me,
    volumes: (env) => parseConfig(env).volumes,
    async entriesOnDisk(fullName) {
      const [catalog = "", schema = "", volume = ""] = fullName.split(".");
      return readdir(volumeDir(dir, catalog, schema, volume)).catch(() => []);
    },
    async close() {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
