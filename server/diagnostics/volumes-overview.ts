// GET /api/files/volumes as one service: what each volume lets this caller do, and, for the
// admins named in FILES_ADMINS with ?diagnostics=true, each volume checked now as the service
// principal. The evidence about user authorization comes from hooks this module registers on
// the volume service itself (user-auth-signals.ts); the startup table uses the same evidence.
import type { FastifyRequest } from "fastify";
import type { Static } from "typebox";
import type { VolumesResponse } from "../../shared/api/volumes.js";
import { adminsOnly } from "../errors/catalogue.js";
import { callerOf } from "../identity/caller.js";
import { policyUserFor } from "../identity/policy-user.js";
import type { PolicyUser } from "../policy/types.js";
import type { VolumeService } from "../volumes/service.js";
import { diagnoseVolumes } from "./diagnose-volumes.js";
import { type DiagnosticsResponse, diagnosticsForResponse, isDiagnosticsAdmin } from "./response.js";
import { runStartupDiagnostics, type StartupDiagnostics, type StartupLogger } from "./startup.js";
import type { DiagnosticsPrincipal } from "./types.js";
import { UserAuthSignals } from "./user-auth-signals.js";

export interface VolumesOverviewOptions {
  service: VolumeService;
  /** FILES_ADMINS, lower-cased: who may ask for diagnostics (plus header-less SP calls). */
  admins: readonly string[];
  servicePrincipal: () => PolicyUser & DiagnosticsPrincipal;
  /** DATABRICKS_CLIENT_ID: names the SP in fixes when SCIM /Me is unreachable. */
  clientId: string | undefined;
}

export type VolumesOverviewAnswer = Static<typeof VolumesResponse> & { diagnostics?: DiagnosticsResponse };

export interface VolumesOverview {
  /** The volumes for this caller; with `diagnostics`, the admin checks too (403 for others). */
  answer(request: FastifyRequest, diagnostics: boolean): Promise<VolumesOverviewAnswer>;
  /** The startup table in the log (main.ts runs it once listening, without awaiting). */
  startup(log: StartupLogger): Promise<StartupDiagnostics>;
}

export function createVolumesOverview(options: VolumesOverviewOptions): VolumesOverview {
  const { service } = options;
  const signals = new UserAuthSignals();
  service.observe(signals.observer);
  return {
    async answer(request, diagnostics) {
      const answer = { volumes: service.volumes.map((v) => v.key), details: await service.describe(request) };
      if (!diagnostics) return answer;
      const sp = options.servicePrincipal();
      if (!isDiagnosticsAdmin(options.admins, policyUserFor(callerOf(request), sp))) {
        throw adminsOnly();
      }
      const results = await diagnoseVolumes({
        volumes: service.volumes,
        spFiles: service.servicePrincipalFiles,
        spIdentity: sp,
        userAuthSignals: signals,
        signal: request.abortSignal,
      });
      return { ...answer, diagnostics: diagnosticsForResponse(results, { spIdentity: sp }) };
    },
    startup: (log) =>
      runStartupDiagnostics({
        volumes: service.volumes,
        spFiles: service.servicePrincipalFiles,
        fetchSpIdentity: async () => options.servicePrincipal(),
        clientId: options.clientId,
        userAuthSignals: signals,
        log,
      }),
  };
}
