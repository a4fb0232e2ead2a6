// GET /api/files/volumes: AppKit's `volumes` (keys) plus, per volume, what this caller may do
// there; admins may add ?diagnostics=true (diagnostics/volumes-overview.ts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { VolumesResponse } from "../../../shared/api/volumes.js";
import { DiagnosticsResponseSchema } from "../../diagnostics/response.js";
import type { VolumesOverview } from "../../diagnostics/volumes-overview.js";

const VolumesQuery = Type.Object({ diagnostics: Type.Optional(Type.Boolean()) });
const VolumesWithDiagnostics = Type.Object({
  ...VolumesResponse.properties,
  /** Only for admins with ?diagnostics=true: each volume checked now with the service principal. */
  diagnostics: Type.Optional(DiagnosticsResponseSchema),
});

export const volumesRoute: FastifyPluginAsyncTypebox<{ overview: VolumesOverview }> = async (
  app,
  { overview },
) => {
  app.get(
    "/volumes",
    { schema: { querystring: VolumesQuery, response: { 200: VolumesWithDiagnostics } } },
    async (request) => overview.answer(request, request.query.diagnostics === true),
  );
};
