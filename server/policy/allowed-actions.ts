// What the caller may do at a path: the UI uses it to show or hide upload/delete/… controls.
// Advisory only: every request is still checked against the policy on its own.
import { ALL_ACTIONS, type FileAction } from "../../shared/actions.js";
import type { FilePolicy, PolicyUser } from "./types.js";

export async function allowedActions(
  policy: FilePolicy,
  volumeKey: string,
  user: PolicyUser,
  path = "",
  isDirectory = true,
): Promise<FileAction[]> {
  const resource = { volume: volumeKey, path, isDirectory };
  const verdicts = await Promise.all(ALL_ACTIONS.map((action) => policy(action, resource, user)));
  return ALL_ACTIONS.filter((_, i) => Boolean(verdicts[i]));
}
