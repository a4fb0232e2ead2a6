// What a user's own Unity Catalog grants allow on an on-behalf-of-user volume. The app cannot
// ask Unity Catalog for a user's privileges with the files.files scope, so it asks the Files
// API the two side-effect-free questions that need each privilege: "list one root entry"
// (READ VOLUME; a GET, so the refusal carries Unity Catalog's message, unlike a HEAD) and "create the root directory" (mkdir -p of an existing directory is a no-op
// that still needs WRITE VOLUME). Only a 403 narrows the answer; anything else leaves the
// policy's actions as they are, so a flaky probe never hides what a user may do.
import type { FileAction } from "../../shared/actions.js";
import { isWriteAction } from "../../shared/actions.js";
import type { FilesClient } from "../databricks/types.js";
import { AppError } from "../errors/app-error.js";

export interface GrantProbe {
  actions: FileAction[];
  /** Unity Catalog's own words when it refused, e.g. "User does not have WRITE VOLUME on …". */
  deniedBy?: string;
}

function refusal(err: unknown): string | undefined {
  return err instanceof AppError && err.status === 403 ? err.message : undefined;
}

export async function probeUserGrants(
  files: FilesClient,
  volumeRoot: string,
  policyActions: FileAction[],
  signal?: AbortSignal,
): Promise<GrantProbe> {
  try {
    await files.listPage(volumeRoot, { pageSize: 1, signal });
  } catch (err) {
    const denied = refusal(err);
    if (denied) return { actions: [], deniedBy: denied };
    return { actions: policyActions };
  }
  if (!policyActions.some(isWriteAction)) return { actions: policyActions };
  try {
    await files.createDirectory(volumeRoot, { signal });
  } catch (err) {
    const denied = refusal(err);
    if (denied) return { actions: policyActions.filter((a) => !isWriteAction(a)), deniedBy: denied };
  }
  return { actions: policyActions };
}
