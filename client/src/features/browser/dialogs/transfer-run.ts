// Runs a move or copy of several entries one by one, as the dialog asks: items that already
// exist at the destination (409) are set aside so the dialog can ask once whether to replace
// them; any other failure stops the run and says what was done.
import type { CopyResponse, MoveResponse } from "@shared/api/files";
import { baseName } from "@shared/paths";
import { ApiError } from "@/lib/api-client";
import { errorLine } from "@/lib/describe-error";

export interface Step {
  from: string;
  to: string;
}

export interface RunOutcome {
  done: Step[];
  conflicts: Step[];
  /** Why the run stopped early, if it did. */
  error?: string;
}

export type Mode = "move" | "copy";

export async function runSteps(
  mode: Mode,
  steps: Step[],
  overwrite: boolean,
  send: (step: Step, overwrite: boolean) => Promise<MoveResponse | CopyResponse>,
): Promise<RunOutcome> {
  const outcome: RunOutcome = { done: [], conflicts: [] };
  for (const step of steps) {
    try {
      const result = await send(step, overwrite);
      if (!result.success) {
        const count = "moved" in result ? result.moved : result.copied;
        const failed = result.failed ?? [];
        const list = failed.map((f) => `${f.path}: ${f.message}`).join("; ");
        outcome.error =
          `${mode === "move" ? "Moved" : "Copied"} ${count} files of “${baseName(step.from)}”, ` +
          `but ${failed.length} could not be ${mode === "move" ? "moved" : "copied"}: ${list}`;
        return outcome;
      }
      outcome.done.push(step);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) outcome.conflicts.push(step);
      else {
        outcome.error = `“${baseName(step.from)}”: ${errorLine(err)}`;
        return outcome;
      }
    }
  }
  return outcome;
}

/** The question the dialog asks about what already exists at the destination. */
export function conflictQuestion(conflicts: Step[], folderLabel: string): string {
  const names = conflicts.map((c) => `“${baseName(c.to)}”`);
  const list =
    names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
  return conflicts.length === 1
    ? `${list} already exists in ${folderLabel}. Replace it?`
    : `${list} already exist in ${folderLabel}. Replace them?`;
}
