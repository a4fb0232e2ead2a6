// What each demo user should get from each demo volume (app.yaml + the local workspace's grants),
// so every operation of the soak can be checked: a refusal the model predicts is a pass, not an
// error, and a success where a refusal was due is a failure.
//
//   shared  service principal, public-read                   everyone reads; nobody writes
//   uploads on behalf of the user, allow-all                 UC decides: alice reads+writes, bob reads, carol nothing
//   inbox   service principal, read + own-folder("users/{email}/")   everyone reads; each writes only under their folder
import type { DemoUser } from "./workspace.js";

export type Volume = "shared" | "uploads" | "inbox";
export const VOLUMES: Volume[] = ["shared", "uploads", "inbox"];
export const USERS: DemoUser[] = ["alice", "bob", "carol"];

export const emailOf = (user: DemoUser) => `${user}@example.com`;

export function mayRead(user: DemoUser, volume: Volume): boolean {
  return volume !== "uploads" || user !== "carol";
}

export function mayWrite(user: DemoUser, volume: Volume, rel: string): boolean {
  if (volume === "shared") return false;
  if (volume === "uploads") return user === "alice";
  return rel.startsWith(`users/${emailOf(user)}/`);
}

/** Seeded folders to browse (relative to the volume root; "" is the root). */
export const FOLDERS: Record<Volume, string[]> = {
  shared: ["", "data", "images", "reports/2024/q1", "code", "many-files"],
  uploads: ["", "drafts"],
  inbox: ["", "users"],
};

/** Seeded files to preview and download. */
export const FILES: Record<Volume, string[]> = {
  shared: [
    "README.md",
    "notes.txt",
    "data/sales.csv",
    "data/sales.parquet",
    "data/targets.json",
    "data/events.jsonl",
    "images/gradient.png",
    "notebooks/sales-analysis.ipynb",
    "code/etl_job.py",
    "reports/2024/q1/revenue-summary.pdf",
  ],
  uploads: ["README.md"],
  inbox: ["README.md"],
};

/** Where a worker of `user` may try to write in `volume`: sometimes allowed, sometimes not. */
export function uploadTarget(
  user: DemoUser,
  worker: number,
  volume: Volume,
  n: number,
  allowedSpot: boolean,
): string {
  const name = `soak-${worker}-${n}.bin`;
  if (volume === "inbox") {
    return allowedSpot ? `users/${emailOf(user)}/soak/${name}` : `soak/${user}/${name}`;
  }
  return `soak/${user}/${name}`;
}
