// Startup diagnostics of the configured volumes: the module's public surface.
export { DEFAULT_CHECK_TIMEOUT_MS, diagnoseVolumes } from "./diagnose-volumes.js";
export { type FormatOptions, formatDiagnosticsTable } from "./format-table.js";
export { FILES_SCOPE } from "./on-behalf-of-user.js";
export { type DiagnoseVolumesOptions, worstStatus } from "./outcome.js";
export { policyAllowsWrites } from "./policy-writes.js";
export {
  type DiagnosticsResponse,
  DiagnosticsResponseSchema,
  diagnosticsForResponse,
  isDiagnosticsAdmin,
} from "./response.js";
export {
  resolveSpIdentity,
  runStartupDiagnostics,
  type StartupDiagnostics,
  type StartupDiagnosticsOptions,
  type StartupLogger,
} from "./startup.js";
export type {
  CheckName,
  DiagnosticCheck,
  DiagnosticStatus,
  DiagnosticsPrincipal,
  VolumeDiagnostics,
} from "./types.js";
export {
  isMissingScopeError,
  type UserAuthEvidence,
  type UserAuthObservation,
  UserAuthSignals,
} from "./user-auth-signals.js";
