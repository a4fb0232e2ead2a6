// What the startup diagnostics find out about each volume, in a JSON-safe shape (the same objects
// feed the startup log table and GET /api/files/volumes?diagnostics=true).
import type { AuthMode } from "../../shared/auth-mode.js";

/** ok: works; warning: browsable, but something configured will fail or could not be checked; error: unusable. */
export type DiagnosticStatus = "ok" | "warning" | "error";

export type CheckName = "exists" | "readable" | "writable" | "user-scope";

export interface DiagnosticCheck {
  name: CheckName;
  /** true passed, false failed, null not checked or not applicable (the detail says why). */
  ok: boolean | null;
  detail: string;
  /** Set when this check is why the volume is not ok (a failure, or a check that could not run). */
  severity?: "warning" | "error";
}

export interface VolumeDiagnostics {
  key: string;
  path: string;
  fullName: string;
  auth: AuthMode;
  /** The policy expression. */
  policy: string;
  /** Whether the policy lets anyone write (judged by probing it: see policy-writes.ts). */
  policyAllowsWrites: boolean;
  maxUploadSize: number;
  /** The limit as the admin wrote it (`1MB` is "1 MB"). */
  maxUploadSizeLabel: string;
  status: DiagnosticStatus;
  checks: DiagnosticCheck[];
  /** Exact steps that fix each failed check, in order. Empty when status is ok. */
  fixes: string[];
}

/** Who the app's service principal is: SCIM /Me, or just the OAuth client id when that failed. */
export interface DiagnosticsPrincipal {
  /** SCIM id, or the application (client) id. */
  id: string;
  /** For a service principal, its application (client) id: the name Unity Catalog grants use. */
  userName?: string;
  displayName?: string;
}
