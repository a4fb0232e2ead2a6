// The pieces every volume check shares: its inputs, and a builder for its rows, status and fixes.
import type { VolumeConfig } from "../config/types.js";
import type { FilesClient } from "../databricks/types.js";
import type { CheckName, DiagnosticCheck, DiagnosticStatus, DiagnosticsPrincipal } from "./types.js";
import type { UserAuthSignals } from "./user-auth-signals.js";

export interface DiagnoseVolumesOptions {
  volumes: readonly VolumeConfig[];
  /** The app's own Files client (service-principal credentials). */
  spFiles: FilesClient;
  spIdentity: DiagnosticsPrincipal;
  /**
   * The app's user_api_scopes, when the caller knows them (the app itself cannot read them).
   * Without them, on-behalf-of-user volumes are judged from `userAuthSignals`.
   */
  userApiScopes?: readonly string[];
  /** What requests to on-behalf-of-user volumes have shown so far. */
  userAuthSignals?: UserAuthSignals;
  /** Per Files API call; default 10 s. */
  checkTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface VolumeCheckContext {
  volume: VolumeConfig;
  allowsWrites: boolean;
  options: DiagnoseVolumesOptions;
  timeoutMs: number;
}

const RANK: Record<DiagnosticStatus, number> = { ok: 0, warning: 1, error: 2 };

export function worstStatus(statuses: Iterable<DiagnosticStatus>): DiagnosticStatus {
  let worst: DiagnosticStatus = "ok";
  for (const status of statuses) if (RANK[status] > RANK[worst]) worst = status;
  return worst;
}

export class CheckOutcome {
  readonly checks: DiagnosticCheck[] = [];
  readonly fixes: string[] = [];
  status: DiagnosticStatus = "ok";

  /** A passed, failed or skipped check; `severity` raises the volume's status, `fixes` say how to mend it. */
  add(
    name: CheckName,
    ok: boolean | null,
    detail: string,
    severity?: "warning" | "error",
    fixes: string[] = [],
  ): void {
    this.checks.push(severity ? { name, ok, detail, severity } : { name, ok, detail });
    if (severity) this.status = worstStatus([this.status, severity]);
    for (const fix of fixes) if (!this.fixes.includes(fix)) this.fixes.push(fix);
  }
}
