// A temporary local workspace with a running emulator, for the emulator's own tests.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrincipals, ensureVolumes, type PrincipalsFile, writePrincipals } from "../../principals.js";
import { type Emulator, type EmulatorOptions, startEmulator } from "../index.js";

export const MAIN_VOLUME = "main.default.files";
export const OTHER_VOLUME = "main.default.reports";
export const MAIN_ROOT = "/Volumes/main/default/files";
export const OTHER_ROOT = "/Volumes/main/default/reports";

export interface TestWorkspace {
  dir: string;
  principals: PrincipalsFile;
  emulator: Emulator;
  /** Tokens of the demo users and the SP. */
  tokens: { alice: string; bob: string; carol: string; sp: string };
  close(): Promise<void>;
}

function tokenOf(file: PrincipalsFile, name: string): string {
  const user = file.users.find((u) => u.userName.startsWith(`${name}@`));
  if (!user) throw new Error(`no demo user ${name}`);
  return user.token;
}

/**
 * Two volumes: on `files` the SP reads and writes; on `reports` it only reads. The demo users keep
 * their defaults on both (alice read+write, bob read, carol nothing).
 */
export async function startTestWorkspace(options: Partial<EmulatorOptions> = {}): Promise<TestWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "emulator-test-"));
  const principals = createPrincipals();
  ensureVolumes(principals, [
    { fullName: MAIN_VOLUME, servicePrincipalPrivileges: ["READ_VOLUME", "WRITE_VOLUME"] },
    { fullName: OTHER_VOLUME, servicePrincipalPrivileges: ["READ_VOLUME"] },
  ]);
  await writePrincipals(dir, principals);
  const emulator = await startEmulator({ workspaceDir: dir, testHooks: true, ...options });
  return {
    dir,
    principals,
    emulator,
    tokens: {
      alice: tokenOf(principals, "alice"),
      bob: tokenOf(principals, "bob"),
      carol: tokenOf(principals, "carol"),
      sp: principals.servicePrincipal.token,
    },
    async close() {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
