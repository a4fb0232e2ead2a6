// Continuing an upload after a pause, a failure or a reload: the server's status (what it has)
// against what the client remembers decides whether to commit at once, send the rest, or give
// up because the two no longer describe the same upload.
import type { UploadStatusResponse } from "@shared/api/uploads";
import { isFullyStored, type UploadSession } from "./upload-session";

export type ResumeDecision =
  | { kind: "complete"; session: UploadSession }
  | { kind: "continue"; session: UploadSession }
  | { kind: "restart"; reason: string };

const RESTART = "The server's record of this upload does not match this browser's; start it again.";

export function decideResume(s: UploadSession, status: UploadStatusResponse): ResumeDecision {
  if (status.mode !== s.mode || status.size !== s.size) return { kind: "restart", reason: RESTART };
  let session = s;
  if (s.mode !== "multipart") {
    // In-order modes: the server's count is the truth, whatever the last answer said.
    const committed = status.committed;
    if (committed === null || committed < 0 || committed > s.size)
      return { kind: "restart", reason: RESTART };
    session = { ...s, committed };
  }
  // Multipart: the receipts are the record; chunks without one are sent again.
  return { kind: isFullyStored(session) ? "complete" : "continue", session };
}
