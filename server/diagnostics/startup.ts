// The one call main.ts makes after listening: find out who the service principal is (bounded;
// its client id stands in when SCIM /Me fails), run the diagnostics, and log the table at info
// level when everything is ready or warn level when something needs an admin. Never throws and
// never delays readiness: call it without awaiting.
import { diagnoseVolumes } from "./diagnose-volumes.js";
import { formatDiagnosticsTable } from "./format-table.js";
import type { DiagnoseVolumesOptions } from "./outcome.js";
import { probe } from "./probe.js";
import type { DiagnosticsPrincipal, VolumeDiagnostics } from "./types.js";

export interface StartupLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface StartupDiagnosticsOptions extends Omit<DiagnoseVolumesOptions, "spIdentity"> {
  /** e.g. `() => fetchCurrentUser({ config })`; bounded by `checkTimeoutMs`. */
  fetchSpIdentity?: () => Promise<DiagnosticsPrincipal>;
  /** DATABRICKS_CLIENT_ID: names the SP in fixes when SCIM /Me is unreachable. */
  clientId?: string;
  log: StartupLogger;
}

export interface StartupDiagnostics {
  spIdentity: DiagnosticsPrincipal;
  results: VolumeDiagnostics[];
  text: string;
}

export async function resolveSpIdentity(
  fetchSpIdentity: (() => Promise<DiagnosticsPrincipal>) | undefined,
  clientId: string | undefined,
  timeoutMs = 10_000,
): Promise<DiagnosticsPrincipal> {
  const fallback: DiagnosticsPrincipal = { id: clientId ?? "the app's service principal" };
  if (!fetchSpIdentity) return fallback;
  const found = await probe(() => fetchSpIdentity(), timeoutMs);
  return found.ok ? found.value : fallback;
}

export async function runStartupDiagnostics(options: StartupDiagnosticsOptions): Promise<StartupDiagnostics> {
  const { fetchSpIdentity, clientId, log, ...rest } = options;
  const spIdentity = await resolveSpIdentity(fetchSpIdentity, clientId, options.checkTimeoutMs);
  const results = await diagnoseVolumes({ ...rest, spIdentity });
  const text = formatDiagnosticsTable(results, { spIdentity });
  try {
    if (results.every((r) => r.status === "ok")) log.info(text);
    else log.warn(text);
  } catch {
    // A broken logger must not take the app down.
  }
  return { spIdentity, results, text };
}
