// GET list, read, exists, metadata, preview: JSON (or text) answers, AppKit's shapes.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ALLOWED_ACTIONS_HEADER,
  ExistsResponse,
  FileMetadata,
  FilePreview,
  ListQuery,
  ListResponse,
  NEXT_PAGE_TOKEN_HEADER,
} from "../../../shared/api/files.js";
import { UpstreamError } from "../../databricks/upstream-error.js";
import type { VolumeService } from "../../volumes/service.js";
import { OptionalPathQuery, RequiredPathQuery, VolumeParams } from "./schemas.js";

// A token goes back to the client in a header; anything but visible ASCII would make Node throw.
const HEADER_SAFE = /^[\x21-\x7e]{1,4096}$/;

export const readRoutes: FastifyPluginAsyncTypebox<{ service: VolumeService }> = async (app, { service }) => {
  app.get(
    "/:volume/list",
    { schema: { params: VolumeParams, querystring: ListQuery, response: { 200: ListResponse } } },
    async (request, reply) => {
      const { path, pageSize, pageToken } = request.query;
      const handle = service.forRequest(request, request.params.volume);
      const page = await handle.list(path, { pageSize, pageToken });
      reply.header(ALLOWED_ACTIONS_HEADER, (await handle.allowedActions(path)).join(","));
      if (page.nextPageToken !== undefined) {
        if (!HEADER_SAFE.test(page.nextPageToken)) {
          throw new UpstreamError(502, "UPSTREAM_ERROR", "The Files API returned an unusable page token.");
        }
        reply.header(NEXT_PAGE_TOKEN_HEADER, page.nextPageToken);
      }
      return page.entries;
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
