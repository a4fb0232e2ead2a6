// mkdir, delete, move and copy: JSON in, JSON out. Mutations pass the CSRF guard first (app.ts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  CopyBody,
  CopyResponse,
  DeleteQuery,
  DeleteResponse,
  MkdirBody,
  MoveBody,
  MoveResponse,
  SuccessResponse,
} from "../../../shared/api/files.js";
import type { VolumeService } from "../../volumes/service.js";
import { VolumeParams } from "./schemas.js";

export const writeRoutes: FastifyPluginAsyncTypebox<{ service: VolumeService }> = async (
  app,
  { service },
) => {
  app.post(
    "/:volume/mkdir",
    { schema: { params: VolumeParams, body: MkdirBody, response: { 200: SuccessResponse } } },
    async (request) => service.forRequest(request, request.params.volume).mkdir(request.body.path),
  );

  app.delete(
    "/:volume",
    {
      schema: {
        params: VolumeParams,
        querystring: DeleteQuery,
        response: { 200: DeleteResponse, 207: DeleteResponse },
      },
    },
    async (request, reply) => {
      const files = service.forRequest(request, request.params.volume);
      const outcome = await files.delete(request.query.path, { recursive: request.query.recursive ?? false });
      return reply.code(outcome.status).send(outcome.body);
    },
  );

  app.post(
    "/:volume/move",
    { schema: { params: VolumeParams, body: MoveBody, response: { 200: MoveResponse, 207: MoveResponse } } },
    async (request, reply) => {
      const { from, to, overwrite } = request.body;
      const outcome = await service.forRequest(request, request.params.volume).move(from, to, { overwrite });
      return reply.code(outcome.status).send(outcome.body);
    },
  );

  app.post(
    "/:volume/copy",
    { schema: { params: VolumeParams, body: CopyBody, response: { 200: CopyResponse, 207: CopyResponse } } },
    async (request, reply) => {
      const { from, to, toVolume, overwrite } = request.body;
      const { volume } = request.params;
      const outcome = await service.copy(
        request,
        { volume, path: from },
        { volume: toVolume ?? volume, path: to },
        { overwrite },
      );
      return reply.code(outcome.status).send(outcome.body);
    },
  );
};
