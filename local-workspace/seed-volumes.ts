// Seeds each demo volume on first run. Which content a volume gets follows its key in app.yaml;
// a volume with any other key starts empty.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { seedInboxVolume, seedSharedVolume, seedUploadsVolume } from "./seed/index.js";

const SEEDERS: Record<string, typeof seedSharedVolume> = {
  shared: seedSharedVolume,
  uploads: seedUploadsVolume,
  inbox: seedInboxVolume,
};

export function volumeDir(workspaceDir: string, fullName: string): string {
  return path.join(workspaceDir, "volumes", ...fullName.split("."));
}

export async function seedVolumes(
  workspaceDir: string,
  volumes: Array<{ key: string; fullName: string }>,
  log: (line: string) => void,
): Promise<void> {
  for (const volume of volumes) {
    const root = volumeDir(workspaceDir, volume.fullName);
    await mkdir(root, { recursive: true });
    const seeder = SEEDERS[volume.key];
    if (!seeder) continue;
    const markerPath = path.join(workspaceDir, ".seeded", `${volume.fullName}.json`);
    const result = await seeder(root, { markerPath });
    if (result.files > 0) log(`seeded ${volume.fullName}: ${result.files} files`);
  }
}
