// What the signed-in person may do in a volume, from GET /api/files/volumes `details[].actions`
// (the server's policy verdicts, and for volumes that run as the user, their Unity Catalog
// grants). The UI hides what is never possible and explains what is not possible here.

import { isWriteAction } from "../../../shared/actions";
import type { VolumeInfo } from "../../../shared/api/volumes";

export const MODE_LABEL: Record<VolumeInfo["auth"], string> = {
  "service-principal": "runs as the app",
  "on-behalf-of-user": "runs as you",
};

export const MODE_HINT: Record<VolumeInfo["auth"], string> = {
  "service-principal": "Files are read and written with the app's own identity and grants.",
  "on-behalf-of-user": "Files are read and written with your own Unity Catalog grants.",
};

export type Access = "read-write" | "read-only" | "write-only" | "no access";

export function accessOf(actions: readonly string[]): Access {
  const canWrite = actions.some(isWriteAction);
  const canRead = actions.includes("list") || actions.includes("read");
  if (canWrite && canRead) return "read-write";
  if (canRead) return "read-only";
  if (canWrite) return "write-only";
  return "no access";
}

export function can(volume: Pick<VolumeInfo, "actions">, action: string): boolean {
  return volume.actions.includes(action);
}

/** Whether any write control belongs on screen at all for this volume. */
export function canWriteAnything(volume: Pick<VolumeInfo, "actions">): boolean {
  return volume.actions.some(isWriteAction);
}

const VERBS: Record<string, string> = {
  upload: "upload files",
  mkdir: "create folders",
  delete: "delete",
  move: "rename or move",
  download: "download",
  read: "read files",
  list: "list folders",
};

/** Why an action is unavailable, or undefined when it is allowed. */
export function denyReason(
  volume: Pick<VolumeInfo, "actions" | "auth" | "key">,
  action: string,
): string | undefined {
  if (can(volume, action)) return undefined;
  const verb = VERBS[action] ?? action;
  const who =
    volume.auth === "on-behalf-of-user"
      ? "your Unity Catalog grants or the app's policy do not allow it"
      : "the app's policy for this volume does not allow it";
  return `You can't ${verb} in “${volume.key}”: ${who}.`;
}

/**
 * The volume as seen from one folder: the policy may allow more (or less) there than at the
 * root (e.g. writes only inside users/<email>/). A user's own Unity Catalog grants hold
 * volume-wide, so where they narrowed the root's actions they narrow the folder's too.
 */
export function folderAccess<V extends Pick<VolumeInfo, "actions" | "deniedBy">>(
  volume: V,
  folderActions: readonly string[] | undefined,
): V {
  if (!folderActions) return volume;
  const actions = volume.deniedBy
    ? folderActions.filter((a) => volume.actions.includes(a))
    : [...folderActions];
  return { ...volume, actions };
}
