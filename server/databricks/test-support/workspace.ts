// A temporary local workspace (emulator + principals) for the Files client's integration tests.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Config } from "@databricks/sdk-experimental";
import { type Emulator, startEmulator, volumeDir } from "../../../local-workspace/emulator/index.js";
import {
  createPrincipals,
  ensureVolumes,
  type PrincipalsFile,
  writePrincipals,
} from "../../../local-workspace/principals.js";
import { createServicePrincipalConfig } from "../configs.js";
import { sdkCredentials } from "../credentials.js";
import { createFilesClient, type FilesClient, type FilesClientOptions } from "../files-client.js";
import type { UpstreamRequestInfo } from "../transport.js";

/** The SP reads and writes here. */
export const ROOT = "/Volumes/main/default/files";
/** The SP only reads here. */
export const READ_ONLY_ROOT = "/Volumes/main/default/reports";

export interface TestWorkspace {
  dir: string;
  principals: PrincipalsFile;
  emulator: Emulator;
  spConfig: Config;
  /** Every upstream request line the clients made by `client()` sent. */
  requests: UpstreamRequestInfo[];
  client(options?: Partial<FilesClientOptions>): FilesClient;
  /** Reads a file straight from the emulator's disk, or undefined when it doesn't exist. */
  readOnDisk(volumePath: string): Promise<Buffer | undefined>;
  userToken(name: "alice" | "bob" | "carol"): string;
  close(): Promise<void>;
}

export async function startTestWorkspace(options: { maxPutBytes?: number } = {}): Promise<TestWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "files-client-test-"));
  const principals = createPrincipals();
  ensureVolumes(principals, [
    { fullName: "main.default.files", servicePrincipalPrivileges: ["READ_VOLUME", "WRITE_VOLUME"] },
    { fullName: "main.default.reports", servicePrincipalPrivileges: ["READ_VOLUME"] },
  ]);
  await writePrincipals(dir, principals);
  const emulator = await startEmulator({
    workspaceDir: dir,
    testHooks: true,
    maxPutBytes: options.maxPutBytes,
  });
  const spConfig = await createServicePrincipalConfig({
    env: { DATABRICKS_HOST: emulator.url, DATABRICKS_TOKEN: principals.servicePrincipal.token },
  });
  const requests: UpstreamRequestInfo[] = [];
  return {
    dir,
    principals,
    emulator,
    spConfig,
    requests,
    client: (options = {}) =>
      createFilesClient({
        credentials: sdkCredentials(spConfig),
        timeoutMs: 5_000,
        retries: { max: 3, baseDelayMs: 20, maxTotalMs: 3_000 },
        onRequest: (info) => requests.push(info),
        ...options,
      }),
    async readOnDisk(volumePath) {
      const [catalog = "", schema = "", volume = "", ...rest] = volumePath
        .slice("/Volumes/".length)
        .split("/");
      try {
        return await readFile(path.join(volumeDir(dir, catalog, schema, volume), ...rest));
      } catch {
        return undefined;
      }
    },
    userToken(name) {
      const user = principals.users.find((u) => u.userName.startsWith(`${name}@`));
      if (!user) throw new Error(`no demo user ${name}`);
      return user.token;
    },
    async close() {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
