// The demo volumes take seconds to generate (5,000 files, a parquet file, images…) but under a
// second to copy. The first test stack of a run seeds a template next to the OS temp files,
// keyed by a hash of the seed code, and every stack copies it. A template whose code changed is
// replaced, so the cache can only ever hold one.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { configuredVolumes } from "../../local-workspace/app-env.js";
import { loadAppManifest } from "../../local-workspace/app-manifest.js";
import { seedVolumes } from "../../local-workspace/seed-volumes.js";

const PREFIX = "volumes-browser-test-seed-";
const COMPLETE = ".complete";

async function seedCodeHash(projectDir: string, volumes: unknown): Promise<string> {
  const hash = createHash("sha256").update(JSON.stringify(volumes));
  for (const dir of ["local-workspace/seed", "local-workspace"]) {
    const names = (await readdir(path.join(projectDir, dir))).filter(
      (n) => n.endsWith(".ts") && !n.endsWith(".test.ts"),
    );
    for (const name of names.sort()) {
      if (dir.endsWith("local-workspace") && name !== "seed-volumes.ts") continue;
      hash.update(name).update(await readFile(path.join(projectDir, dir, name)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

async function template(projectDir: string): Promise<string> {
  const manifest = await loadAppManifest(projectDir);
  const volumes = configuredVolumes(manifest.env);
  const name = `${PREFIX}${await seedCodeHash(projectDir, volumes)}`;
  const dir = path.join(tmpdir(), name);
  if (existsSync(path.join(dir, COMPLETE))) return dir;
  const staging = await mkdtemp(path.join(tmpdir(), `${PREFIX}staging-`));
  try {
    await seedVolumes(staging, volumes, () => {});
    await writeFile(path.join(staging, COMPLETE), "");
    // Never remove a complete template: other workers may be copying it right now. Only a
    // half-written one (a crashed run) is replaced; if a worker got there first, rename fails
    // (ENOTEMPTY) and theirs is used below.
    if (!existsSync(path.join(dir, COMPLETE))) await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } catch (err) {
    // Another worker finished first: use theirs.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(dir, COMPLETE))) throw err;
  }
  // Templates of older seed code are garbage now.
  for (const other of await readdir(tmpdir())) {
    if (other.startsWith(PREFIX) && other !== name && !other.includes("staging")) {
      await rm(path.join(tmpdir(), other), { recursive: true, force: true }).catch(() => {});
    }
  }
  return dir;
}

// fs.cp walks 5,000 files in JavaScript (seconds); the system's cp does it in a fraction.
async function copyTree(from: string, to: string): Promise<void> {
  try {
    await promisify(execFile)("cp", ["-R", from, to]);
  } catch {
    await cp(from, to, { recursive: true });
  }
}

/** Fills `workspaceDir` with seeded demo volumes (and the markers that stop a second seeding). */
export async function copySeededVolumes(projectDir: string, workspaceDir: string): Promise<void> {
  const source = await template(projectDir);
  await copyTree(path.join(source, "volumes"), path.join(workspaceDir, "volumes"));
  await copyTree(path.join(source, ".seeded"), path.join(workspaceDir, ".seeded"));
}
