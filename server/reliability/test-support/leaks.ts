// What "nothing leaked, nothing half-written" means, as checks: no upstream request still open,
// no staged upload body left, file descriptors and emulator sockets back near where they were.
import { readdirSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Emulator } from "../../../local-workspace/emulator/index.js";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Open file descriptors of this process (sockets included): proxy, app and emulator live here. */
export const openFds = () => readdirSync("/proc/self/fd").length;

/** Upload bodies the emulator has staged but neither committed nor discarded. */
export async function stagedParts(workspaceDir: string): Promise<string[]> {
  return (await readdir(path.join(workspaceDir, ".staging"))).filter((n) => n.endsWith(".part"));
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Every upstream request finished and every staged body committed or discarded. */
export async function settled(emulator: Emulator, workspaceDir: string, timeoutMs = 5_000): Promise<void> {
  await waitFor(
    `upstream requests closed (open: ${emulator.stats.openRequests}) and staging empty`,
    async () => emulator.stats.openRequests === 0 && (await stagedParts(workspaceDir)).length === 0,
    timeoutMs,
  );
}

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function contentOf(file: string): Promise<Buffer | undefined> {
  return readFile(file).catch(() => undefined);
}

/**
 * A baseline of descriptors and emulator sockets, taken when keep-alive pools are already warm.
 * `check` waits for both to come back within `slack` of it (pools may open or drop a few).
 */
export function leakBaseline(emulator: Emulator, slack = 8) {
  const fds = openFds();
  const sockets = emulator.stats.openSockets;
  return {
    fds,
    sockets,
    async check(): Promise<{ fds: number; sockets: number }> {
      await waitFor(
        `descriptors (${openFds()} vs ${fds}) and emulator sockets (${emulator.stats.openSockets} vs ${sockets}) back to their level`,
        () => openFds() <= fds + slack && emulator.stats.openSockets <= sockets + slack,
      );
      return { fds: openFds(), sockets: emulator.stats.openSockets };
    },
  };
}
