// GET /api/files/volumes?diagnostics=true: the diagnostics as JSON, for admins only. Admins are
// the people FILES_ADMINS names, plus calls without user headers (the app's service principal
// itself, which only reaches the app without the Apps proxy in front).
import Type, { type Static } from "typebox";
import type { PolicyUser } from "../policy/types.js";
import { formatDiagnosticsTable } from "./format-table.js";
import { worstStatus } from "./outcome.js";
import type { DiagnosticsPrincipal, VolumeDiagnostics } from "./types.js";

const Status = Type.Union([Type.Literal("ok"), Type.Literal("warning"), Type.Literal("error")]);

export const DiagnosticCheckSchema = Type.Object({
  name: Type.Union([
    Type.Literal("exists"),
    Type.Literal("readable"),
    Type.Literal("writable"),
    Type.Literal("user-scope"),
  ]),
  ok: Type.Union([Type.Boolean(), Type.Null()]),
  detail: Type.String(),
  severity: Type.Optional(Type.Union([Type.Literal("warning"), Type.Literal("error")])),
});

export const VolumeDiagnosticsSchema = Type.Object({
  key: Type.String(),
  path: Type.String(),
  fullName: Type.String(),
  auth: Type.Union([Type.Literal("service-principal"), Type.Literal("on-behalf-of-user")]),
  policy: Type.String(),
  policyAllowsWrites: Type.Boolean(),
  maxUploadSize: Type.Integer(),
  maxUploadSizeLabel: Type.String(),
  status: Status,
  checks: Type.Array(DiagnosticCheckSchema),
  fixes: Type.Array(Type.String()),
});

export const DiagnosticsResponseSchema = Type.Object({
  /** ISO time the checks ran. */
  checkedAt: Type.String(),
  /** The worst volume status. */
  status: Status,
  servicePrincipal: Type.Object({
    id: Type.String(),
    userName: Type.Optional(Type.String()),
    displayName: Type.Optional(Type.String()),
  }),
  volumes: Type.Array(VolumeDiagnosticsSchema),
  /** The same table the startup log shows. */
  text: Type.String(),
});
export type DiagnosticsResponse = Static<typeof DiagnosticsResponseSchema>;

export function diagnosticsForResponse(
  results: readonly VolumeDiagnostics[],
  context: { spIdentity: DiagnosticsPrincipal; checkedAt?: Date },
): DiagnosticsResponse {
  const { id, userName, displayName } = context.spIdentity;
  const servicePrincipal: DiagnosticsResponse["servicePrincipal"] = { id };
  if (userName !== undefined) servicePrincipal.userName = userName;
  if (displayName !== undefined) servicePrincipal.displayName = displayName;
  return {
    checkedAt: (context.checkedAt ?? new Date()).toISOString(),
    status: worstStatus(results.map((r) => r.status)),
    servicePrincipal,
    volumes: results.map((r) => ({ ...r, checks: r.checks.map((c) => ({ ...c })), fixes: [...r.fixes] })),
    text: formatDiagnosticsTable(results, { spIdentity: context.spIdentity }),
  };
}

/** `admins` as parsed from FILES_ADMINS (lower-cased); `user` is the request's policy user. */
export function isDiagnosticsAdmin(admins: readonly string[], user: PolicyUser): boolean {
  if (user.isServicePrincipal) return true;
  return [user.email, user.userName, user.id].some(
    (name) => name !== undefined && name !== "" && admins.includes(name.toLowerCase()),
  );
}
