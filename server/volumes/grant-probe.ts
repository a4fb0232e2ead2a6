// What a user's own Unity Catalog grants allow on an on-behalf-of-user volume. The app cannot
// ask Unity Catalog for a user's privileges with the files.files scope, so it asks the Files
// API the two side-effect-free questions that need each privilege: "list one root entry"
// (READ VOLUME; a GET, so the refusal carries Unity Catalog's message, unlike a HEAD) and
// "create the root directory" (mkdir -p of an existing directory is a no-op that still needs
// WRITE VOLUME). Grants hold volume-wide, so the answer narrows what the policy allows in every
// folder. Only a 403 narrows it; anything else leaves the policy's answer as it is, so a flaky
// probe never hides what a user may do.
import { type FileAction, isWriteAction } from "../../shared/actions.js";
import type { GrantKind } from "../../shared/api/volumes.js";
import type { FilesClient } from "../databricks/types.js";
import { AppError } from "../errors/app-error.js";

export interface GrantProbe {
  /** Kinds of action the user's grants refuse; empty when nothing was refused. */
  denied: GrantKind[];
  /** Unity Catalog's own words when it refused, e.g. "User does not have WRITE VOLUME on …". */
  deniedBy?: string;
}

function refusal(err: unknown): string | undefined {
  return err instanceof AppError && err.status === 403 ? err.message : undefined;
}

/** `wantsWrites`: whether the policy allows any write anywhere (else writing is not probed). */
export async function probeUserGrants(
  files: FilesClient,
  volumeRoot: string,
  wantsWrites: boolean,
  signal?: AbortSignal,
): Promise<GrantProbe> {
  try {
    await files.listPage(volumeRoot, { pageSize: 1, signal });
  } catch (err) {
    const denied = refusal(err);
    // Without READ VOLUME nothing works, writes included (Unity Catalog needs both to write).
    return denied ? { denied: ["read", "write"], deniedBy: denied } : { denied: [] };
  }
  if (!wantsWrites) return { denied: [] };
  try {
    await files.createDirectory(volumeRoot, { signal });
  } catch (err) {
    const denied = refusal(err);
    if (denied) return { denied: ["write"], deniedBy: denied };
  }
  return { denied: [] };
}

/** `actions` without those the grants refuse. */
export function withinGrants(actions: readonly FileAction[], denied: readonly GrantKind[]): FileAction[] {
  return actions.filter((a) => !denied.includes(isWriteAction(a) ? "write" : "read"));
}
