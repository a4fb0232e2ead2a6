// One bounded Files API call for a diagnostic check: never throws, never outlives its timeout
// (even if the call ignored its abort signal), and classifies failures the way fixes need them.
import { UpstreamError } from "../databricks/upstream-error.js";

export type ProbeFailure =
  | "denied"
  | "missing"
  | "unauthenticated"
  | "conflict"
  | "timeout"
  | "cancelled"
  | "other";

export type ProbeResult<T> = { ok: true; value: T } | { ok: false; failure: ProbeFailure; message: string };

const TIMED_OUT = Symbol("timed out");

const FAILURES: Record<number, ProbeFailure> = {
  401: "unauthenticated",
  403: "denied",
  404: "missing",
  409: "conflict",
};

function classify(err: unknown): { failure: ProbeFailure; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  // A refused token is a 401 or, on Databricks, a 403 "Invalid access token.": not a missing grant.
  if (err instanceof UpstreamError && err.credentialsRejected) return { failure: "unauthenticated", message };
  if (err instanceof UpstreamError && err.upstreamStatus !== undefined) {
    return { failure: FAILURES[err.upstreamStatus] ?? "other", message };
  }
  return { failure: "other", message };
}

const noAnswer = (ms: number) => `no answer within ${Math.round(ms / 100) / 10} s`;

export async function probe<T>(
  run: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<ProbeResult<T>> {
  if (outer?.aborted) return { ok: false, failure: "cancelled", message: "the diagnostics were cancelled" };
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error("diagnostic check timed out"));
      resolve(TIMED_OUT);
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([run(controller.signal), timedOut]);
    if (outcome === TIMED_OUT) return { ok: false, failure: "timeout", message: noAnswer(timeoutMs) };
    return { ok: true, value: outcome };
  } catch (err) {
    if (outer?.aborted) return { ok: false, failure: "cancelled", message: "the diagnostics were cancelled" };
    if (controller.signal.aborted) {
      return { ok: false, failure: "timeout", message: noAnswer(timeoutMs) };
    }
    return { ok: false, ...classify(err) };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}
