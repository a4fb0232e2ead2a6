// Knobs of the local workspace that large-upload specs turn (test hooks only): the Apps proxy's
// time limit and body throttle, the emulator's upload mode, faults on part/chunk PUTs, the bytes
// the emulator received, and an app restart. Each spec saves what it changes and puts it back.
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { workspaceInfo } from "./workspace";

export type UploadMode = "multipart" | "resumable" | "none";

export interface ProxyLimits {
  timeoutS: number;
  /** 0: no throttle. */
  throttleKiBps: number;
}

const proxyUrl = () => workspaceInfo().proxyUrl;
const emulatorUrl = () => workspaceInfo().emulatorUrl;

async function ok<T = unknown>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function proxyLimits(request: APIRequestContext): Promise<ProxyLimits> {
  return ok<ProxyLimits>(await request.get(`${proxyUrl()}/.proxy/test/limits`), "proxy limits");
}

export async function setProxyLimits(
  request: APIRequestContext,
  limits: Partial<ProxyLimits>,
): Promise<void> {
  await ok(await request.put(`${proxyUrl()}/.proxy/test/limits`, { data: limits }), "set proxy limits");
}

/** Stops the app and starts it again (same env, same upload-token key); resolves once it answers. */
export async function restartApp(request: APIRequestContext): Promise<void> {
  await ok(
    await request.post(`${proxyUrl()}/.proxy/test/restart-apps`, { timeout: 60_000 }),
    "restart the app",
  );
}

export async function uploadMode(request: APIRequestContext): Promise<UploadMode> {
  return (
    (await ok(await request.get(`${emulatorUrl()}/__emulator/uploads`), "upload mode")) as {
      mode: UploadMode;
    }
  ).mode;
}

export async function setUploadMode(request: APIRequestContext, mode: UploadMode): Promise<void> {
  await ok(await request.put(`${emulatorUrl()}/__emulator/uploads`, { data: { mode } }), "set upload mode");
}

/** Bytes of upload bodies (single PUTs, parts, chunks, cut ones too) the emulator received under `prefix`. */
export async function bytesReceived(request: APIRequestContext, prefix: string): Promise<number> {
  const query = new URLSearchParams({ pathPrefix: prefix });
  const stats = await ok(await request.get(`${emulatorUrl()}/__emulator/stats?${query}`), "emulator stats");
  return (stats as { bytesReceived: number }).bytesReceived;
}

/**
 * A part or chunk PUT to `volumePath` breaks its connection after `afterBytes` of its body arrived:
 * the one after the first `skip` such PUTs, so the break falls in the middle of the upload.
 */
export async function resetPartPut(
  request: APIRequestContext,
  volumePath: string,
  options: { skip: number; afterBytes: number },
): Promise<void> {
  const rule = {
    method: "PUT",
    pathPrefix: volumePath,
    resetAfterBytes: options.afterBytes,
    skip: options.skip,
  };
  await ok(await request.post(`${emulatorUrl()}/__emulator/faults`, { data: rule }), "inject a reset");
}

export async function pendingFaults(request: APIRequestContext): Promise<unknown[]> {
  return (
    (await ok(await request.get(`${emulatorUrl()}/__emulator/faults`), "faults")) as { rules: unknown[] }
  ).rules;
}

/** Saves the proxy limits and upload mode now; `restore()` puts them back and clears faults. */
export async function saveKnobs(request: APIRequestContext): Promise<{ restore: () => Promise<void> }> {
  const limits = await proxyLimits(request);
  const mode = await uploadMode(request);
  return {
    restore: async () => {
      await setProxyLimits(request, limits);
      await setUploadMode(request, mode);
      await request.delete(`${emulatorUrl()}/__emulator/faults`);
    },
  };
}

export interface TestFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
  remove(): Promise<void>;
}

/** A file of random bytes in a temp dir, written in 1 MiB pieces, with its hash. */
export async function makeTestFile(name: string, size: number): Promise<TestFile> {
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-large-upload-"));
  const file = path.join(dir, name);
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  for (let written = 0; written < size; ) {
    const piece = randomBytes(Math.min(1024 * 1024, size - written));
    hash.update(piece);
    written += piece.length;
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return {
    path: file,
    name,
    size,
    sha256: hash.digest("hex"),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
