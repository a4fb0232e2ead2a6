// What the signed-in person may do in a volume, from GET /api/files/volumes `details[].actions`
// (the server's policy verdicts, and for volumes that run as the user, their Unity Catalog
// grants). The UI hides what is never possible and explains what is not possible here.

import { isWriteAction } from "@shared/actions";
import type { PolicyPlace, VolumeInfo } from "@shared/api/volumes";
import { isSameOrInside } from "@shared/paths";
import { formatSize } from "@shared/sizes";

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

type AccessFacts = Pick<VolumeInfo, "actions" | "auth" | "key"> & Partial<Pick<VolumeInfo, "places">>;

/** Why an action is unavailable, or undefined when it is allowed. */
export function denyReason(volume: AccessFacts, action: string): string | undefined {
  if (can(volume, action)) return undefined;
  const verb = VERBS[action] ?? action;
  const who =
    volume.auth === "on-behalf-of-user"
      ? "your Unity Catalog grants or the app's policy do not allow it"
      : "the app's policy does not allow it";
  const elsewhere = placesAllowing(volume, action)[0];
  if (elsewhere) return `You can't ${verb} here: ${who}. You can in ${placeName(elsewhere)}.`;
  return `You can't ${verb} in “${volume.key}”: ${who}.`;
}

/** Folders (other than here) where the policy lets this caller do `action`. */
export function placesAllowing(volume: Partial<Pick<VolumeInfo, "places">>, action: string): PolicyPlace[] {
  return (volume.places ?? []).filter((place) => place.actions.includes(action));
}

/** The caller's own folder, where the policy gives them one they can write in. */
export function ownFolderOf(volume: Partial<Pick<VolumeInfo, "places">>): PolicyPlace | undefined {
  return (volume.places ?? []).find((p) => p.kind === "own-folder" && p.actions.some(isWriteAction));
}

/** "your folder (users/ana@example.com/)" or "reports/", for sentences. */
export function placeName(place: PolicyPlace): string {
  return place.kind === "own-folder" ? `your folder, ${place.path}/` : `${place.path}/`;
}

/** The per-file upload limit, in the unit the admin wrote it ("1 MB"). */
export function uploadLimitLabel(
  volume: Pick<VolumeInfo, "maxUploadSize"> & { maxUploadSizeLabel?: string },
) {
  return volume.maxUploadSizeLabel ?? formatSize(volume.maxUploadSize);
}

/** Whether uploading is possible anywhere in the volume (here, or in a folder the policy names). */
export function canUploadSomewhere(
  volume: Pick<VolumeInfo, "actions"> & Partial<Pick<VolumeInfo, "places">>,
) {
  return can(volume, "upload") || placesAllowing(volume, "upload").length > 0;
}

type FolderFacts = Pick<VolumeInfo, "actions"> & Partial<Pick<VolumeInfo, "places" | "grantsDeny">>;

/**
 * The volume as seen from one folder: the policy may allow more (or less) there than at the
 * root (e.g. writes only inside users/<email>/). `folderActions` is the folder listing's
 * x-allowed-actions; until it is known (or when the folder does not exist yet, like an own
 * folder before the first upload) the place the folder is in tells, else the root. A user's own
 * Unity Catalog grants hold volume-wide, so what they refuse is refused in every folder.
 */
export function folderAccess<V extends FolderFacts>(
  volume: V,
  path: string,
  folderActions: readonly string[] | undefined,
): V {
  const place = (volume.places ?? []).find((p) => isSameOrInside(path, p.path));
  const actions = folderActions ?? place?.actions ?? volume.actions;
  const denied = volume.grantsDeny ?? [];
  return {
    ...volume,
    actions: actions.filter((a) => !denied.includes(isWriteAction(a) ? "write" : "read")),
  };
}
