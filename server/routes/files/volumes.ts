import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { VolumesResponse } from "../../../shared/api/volumes.js";
import type { VolumeService } from "../../volumes/service.js";

/** GET /api/files/volumes: AppKit's `volumes` (keys) plus, per volume, what this caller may do there. */
export const volumesRoute: FastifyPluginAsyncTypebox<{ service: VolumeService }> = async (
  app,
  { service },
) => {
  app.get("/volumes", { schema: { response: { 200: VolumesResponse } } }, async (request) => ({
    volumes: service.volumes.map((v) => v.key),
    details: await service.describe(request),
  }));
};
