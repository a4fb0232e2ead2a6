// GET list, read, exists, metadata, preview: JSON (or text) answers, AppKit's shapes.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import {
  ExistsResponse,
  FileMetadata,
  FilePreview,
  ListQuery,
  ListResponse,
} from "../../../shared/api/files.js";
import { ALLOWED_ACTIONS_HEADER, NEXT_PAGE_TOKEN_HEADER } from "../../../shared/http-headers.js";
import type { VolumeService } from "../../volumes/service.js";
import { OptionalPathQuery, RequiredPathQuery, VolumeParams } from "./schemas.js";

export const readRoutes: FastifyPluginAsyncTypebox<{ service: VolumeService }> = async (app, { service }) => {
  app.get(
    "/:volume/list",
    { schema: { params: VolumeParams, querystring: ListQuery, response: { 200: ListResponse } } },
    async (request, reply) => {
      const { path, pageSize, pageToken } = request.query;
      const page = await service
        .forRequest(request, request.params.volume)
        .list(path, { pageSize, pageToken });
      reply.header(ALLOWED_ACTIONS_HEADER, page.allowedActions.join(","));
      if (page.nextPageToken !== undefined) reply.header(NEXT_PAGE_TOKEN_HEADER, page.nextPageToken);
      // Already the response text in ListResponse's shape: Fastify sends a JSON string as it is,
      // without re-serialising it (the schema still documents it); the untyped reply accepts a string.
      return (reply as FastifyReply).type("application/json; charset=utf-8").send(page.page.json);
    },
  );

  app.get(
    "/:volume/read",
    { schema: { params: VolumeParams, querystring: RequiredPathQuery } },
    async (request, reply) => {
      const text = await service.forRequest(request, request.params.volume).read(request.query.path);
      reply.type("text/plain; charset=utf-8").header("cache-control", "private, no-cache");
      return text;
    },
  );

  app.get(
    "/:volume/exists",
    { schema: { params: VolumeParams, querystring: OptionalPathQuery, response: { 200: ExistsResponse } } },
    async (request) => service.forRequest(request, request.params.volume).exists(request.query.path ?? ""),
  );

  app.get(
    "/:volume/metadata",
    { schema: { params: VolumeParams, querystring: RequiredPathQuery, response: { 200: FileMetadata } } },
    async (request) => service.forRequest(request, request.params.volume).metadata(request.query.path),
  );

  app.get(
    "/:volume/preview",
    { schema: { params: VolumeParams, querystring: RequiredPathQuery, response: { 200: FilePreview } } },
    async (request) => service.forRequest(request, request.params.volume).preview(request.query.path),
  );
};
