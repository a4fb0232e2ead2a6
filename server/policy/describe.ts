// What a policy lets one caller do, told to the UI: the actions at the volume root, and the
// folders where it allows more (the caller's own folder, folders a path rule names) with their
// actions. Every verdict comes from the compiled policy itself; the rules only point at where
// to ask (see places.ts). Advisory, like allowedActions: each request is still checked.
import type { FileAction } from "../../shared/actions.js";
import { allowedActions } from "./allowed-actions.js";
import { type PlaceHint, policyAnatomy } from "./anatomy.js";
import type { FilePolicy, PolicyUser } from "./types.js";

export interface PolicyPlace extends PlaceHint {
  /** What the caller may do in this folder (and, for the UI, inside it). */
  actions: FileAction[];
}

export interface PolicyDescription {
  /** What the caller may do at the volume root. */
  root: FileAction[];
  /** Folders where the caller may do something the root does not allow; own folder first. */
  places: PolicyPlace[];
}

// A policy with hundreds of path rules is legal, but the UI has no use for more than a few.
const MAX_PLACES = 20;

export async function describePolicy(
  policy: FilePolicy,
  volumeKey: string,
  user: PolicyUser,
): Promise<PolicyDescription> {
  const root = await allowedActions(policy, volumeKey, user, "");
  const byPath = new Map<string, PlaceHint>();
  for (const hint of policyAnatomy(policy).places(user)) {
    const known = byPath.get(hint.path);
    // The same folder named by a path rule and as the caller's own folder is their own folder.
    if (!known || hint.kind === "own-folder") byPath.set(hint.path, hint);
  }
  const hints = [...byPath.values()]
    .sort((a, b) => Number(b.kind === "own-folder") - Number(a.kind === "own-folder"))
    .slice(0, MAX_PLACES);
  const places = await Promise.all(
    hints.map(async (hint) => ({
      ...hint,
      actions: await allowedActions(policy, volumeKey, user, hint.path),
    })),
  );
  return { root, places: places.filter((place) => place.actions.some((a) => !root.includes(a))) };
}
