import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { VolumesResponse } from "../../../shared/api/volumes.js";
import {
  DiagnosticsResponseSchema,
  diagnoseVolumes,
  diagnosticsForResponse,
  isDiagnosticsAdmin,
  type UserAuthSignals,
} from "../../diagnostics/index.js";
import type { DiagnosticsPrincipal } from "../../diagnostics/types.js";
import { AppError } from "../../errors/app-error.js";
import { callerFromHeaders } from "../../identity/caller.js";
import { policyUserFor } from "../../identity/policy-user.js";
import type { PolicyUser } from "../../policy/types.js";
import type { VolumeService } from "../../volumes/service.js";

export interface VolumesRouteOptions {
  service: VolumeService;
  /** FILES_ADMINS, lower-cased: who may ask for ?diagnostics=true (plus header-less SP calls). */
  admins: readonly string[];
  servicePrincipal: () => PolicyUser & DiagnosticsPrincipal;
  userAuthSignals: UserAuthSignals;
}

const VolumesQuery = Type.Object({ diagnostics: Type.Optional(Type.Boolean()) });
const VolumesWithDiagnostics = Type.Object({
  ...VolumesResponse.properties,
  /** Only for admins with ?diagnostics=true: each volume checked now with the service principal. */
  diagnostics: Type.Optional(DiagnosticsResponseSchema),
});

/** GET /api/files/volumes: AppKit's `volumes` (keys) plus, per volume, what this caller may do there. */
export const volumesRoute: FastifyPluginAsyncTypebox<VolumesRouteOptions> = async (app, options) => {
  const { service } = options;
  app.get(
    "/volumes",
    { schema: { querystring: VolumesQuery, response: { 200: VolumesWithDiagnostics } } },
    async (request) => {
      const answer = { volumes: service.volumes.map((v) => v.key), details: await service.describe(request) };
      if (!request.query.diagnostics) return answer;
      const sp = options.servicePrincipal();
      const user = policyUserFor(callerFromHeaders(request.headers), sp);
      if (!isDiagnosticsAdmin(options.admins, user)) {
        throw new AppError(403, "ADMINS_ONLY", "Diagnostics are for the admins named in FILES_ADMINS.");
      }
      const results = await diagnoseVolumes({
        volumes: service.volumes,
        spFiles: service.servicePrincipalFiles,
        spIdentity: sp,
        userAuthSignals: options.userAuthSignals,
        signal: request.abortSignal,
      });
      return { ...answer, diagnostics: diagnosticsForResponse(results, { spIdentity: sp }) };
    },
  );
};
