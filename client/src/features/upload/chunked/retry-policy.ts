// What to do when a chunk (or status/complete) request fails, and how long to wait first.
// Transient failures are retried with bounded, jittered exponential backoff so that many
// browsers whose chunks failed together do not come back together; failures that mean the
// upload is gone end it with a message that says to start again.
import { UploadAbortedError } from "@/api/files/http-transport";
import { ApiError } from "@/lib/api-client";

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
/** Failed attempts of one chunk before the upload stops (it can be resumed: nothing is lost). */
export const MAX_ATTEMPTS = 8;
/** "Too busy" answers are waited out longer: the server asked for it and nothing failed. */
export const MAX_BUSY_WAITS = 60;
export const MAX_RETRY_AFTER_MS = 60_000;

/** attempt 1, 2, 3…: half of min(max, base·2^(attempt-1)) fixed, the other half random. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type FailureAction =
  /** The person paused or cancelled: stop, keep what is committed. */
  | { kind: "stop" }
  /** Transient: wait, ask what is committed, send again. */
  | { kind: "retry" }
  /** The server is at its limit of chunks in flight: wait as long as it says. */
  | { kind: "busy"; waitMs?: number }
  /** The upload cannot continue: start again (or not at all). */
  | { kind: "fatal"; message: string };

const START_AGAIN = "Start the upload again.";

export function classifyFailure(error: unknown): FailureAction {
  if (error instanceof UploadAbortedError) return { kind: "stop" };
  // A network failure (connection reset, proxy cut, offline) is a TypeError, as with fetch.
  if (error instanceof TypeError) return { kind: "retry" };
  if (!(error instanceof ApiError))
    return { kind: "fatal", message: error instanceof Error ? error.message : String(error) };
  const { status, code } = error;
  if (status === 503 && code === "UPLOADS_BUSY") {
    const waitMs = "retryAfterMs" in error ? (error.retryAfterMs as number | undefined) : undefined;
    return { kind: "busy", waitMs: waitMs === undefined ? undefined : Math.min(waitMs, MAX_RETRY_AFTER_MS) };
  }
  if (code === "UPLOAD_OFFSET_MISMATCH") return { kind: "retry" };
  if (status === 410 || code === "UPLOAD_EXPIRED")
    return { kind: "fatal", message: `The upload expired on the server after a pause. ${START_AGAIN}` };
  if (code === "UPLOAD_SESSION_LOST")
    return {
      kind: "fatal",
      message: `The server no longer holds this upload (it restarted, or the upload failed there). ${START_AGAIN}`,
    };
  if (code === "UPLOAD_TOKEN_INVALID")
    return { kind: "fatal", message: `The server did not accept this upload's token. ${START_AGAIN}` };
  if (status === 403) return { kind: "fatal", message: error.message };
  if (status === 408 || status === 429 || status >= 500) return { kind: "retry" };
  return { kind: "fatal", message: error.message };
}
