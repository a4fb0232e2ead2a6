import type { FastifyInstance } from "fastify";
import { VolumesResponse } from "../../shared/api/volumes.js";
import type { VolumeConfig } from "../config/types.js";
import { callerFromHeaders } from "../identity/caller.js";
import { policyUserFor } from "../identity/policy-user.js";
import { allowedActions } from "../policy/allowed-actions.js";

export interface VolumesRouteOptions {
  volumes: VolumeConfig[];
  servicePrincipalId: () => string;
}

export async function volumesRoutes(app: FastifyInstance, options: VolumesRouteOptions): Promise<void> {
  app.get("/api/files/volumes", { schema: { response: { 200: VolumesResponse } } }, async (request) => {
    const user = policyUserFor(callerFromHeaders(request.headers), options.servicePrincipalId());
    const details = await Promise.all(
      options.volumes.map(async (v) => ({
        key: v.key,
        path: v.path,
        auth: v.auth,
        maxUploadSize: v.maxUploadSize,
        policy: v.policyExpression,
        actions: await allowedActions(v.policy, v.key, user),
      })),
    );
    return { volumes: options.volumes.map((v) => v.key), details };
  });
}
