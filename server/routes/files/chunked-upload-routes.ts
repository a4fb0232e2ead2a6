// /:volume/uploads: chunked uploads, each request far below the Apps proxy's 120 s limit
// (docs/uploads.md). Every handler is one service call; the token travels in a header, never in
// a URL (URLs are logged). The chunk route has its own scope so no body parser reads the bytes.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { UploadResponse } from "../../../shared/api/files.js";
import {
  ChunkQuery,
  ChunkResponse,
  CompleteUploadBody,
  StartUploadBody,
  StartUploadResponse,
  UploadStatusResponse,
} from "../../../shared/api/uploads.js";
import { UPLOAD_TOKEN_HEADER } from "../../../shared/http-headers.js";
import { lengthRequired } from "../../errors/catalogue.js";
import { lingerAfterEarlyAnswer } from "../../http/lingering-close.js";
import type { VolumeService } from "../../volumes/service.js";
import { VolumeParams } from "./schemas.js";

type Options = { service: VolumeService };

const TokenHeaders = Type.Object({ [UPLOAD_TOKEN_HEADER]: Type.Optional(Type.String({ maxLength: 8192 })) });

/** The chunk's size: a Content-Length is required (a chunked transfer encoding has none). */
function chunkSize(header: string | undefined): number {
  if (header === undefined || !/^\d{1,16}$/.test(header.trim())) {
    throw lengthRequired();
  }
  return Number(header);
}

const chunkRoute: FastifyPluginAsyncTypebox<Options> = async (app, { service }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null));
  app.addHook("onSend", lingerAfterEarlyAnswer);

  app.put(
    "/:volume/uploads/chunk",
    {
      schema: {
        consumes: ["application/octet-stream"],
        params: VolumeParams,
        querystring: ChunkQuery,
        headers: TokenHeaders,
        response: { 200: ChunkResponse },
      },
    },
    async (request) => {
      const size = chunkSize(request.headers["content-length"]);
      return service
        .forRequest(request, request.params.volume)
        .chunked.chunk(request.headers[UPLOAD_TOKEN_HEADER], { ...request.query, size }, request.raw);
    },
  );
};

export const chunkedUploadRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { service }) => {
  await app.register(chunkRoute, { service });

  app.post(
    "/:volume/uploads",
    { schema: { params: VolumeParams, body: StartUploadBody, response: { 201: StartUploadResponse } } },
    async (request, reply) => {
      const started = await service.forRequest(request, request.params.volume).chunked.start(request.body);
      return reply.code(201).send(started);
    },
  );

  app.get(
    "/:volume/uploads/status",
    { schema: { params: VolumeParams, headers: TokenHeaders, response: { 200: UploadStatusResponse } } },
    async (request) =>
      service.forRequest(request, request.params.volume).chunked.status(request.headers[UPLOAD_TOKEN_HEADER]),
  );

  app.post(
    "/:volume/uploads/complete",
    {
      schema: {
        params: VolumeParams,
        headers: TokenHeaders,
        body: CompleteUploadBody,
        response: { 200: UploadResponse },
      },
    },
    async (request) =>
      service
        .forRequest(request, request.params.volume)
        .chunked.complete(request.headers[UPLOAD_TOKEN_HEADER], request.body),
  );

  app.delete(
    "/:volume/uploads",
    { schema: { params: VolumeParams, headers: TokenHeaders, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await service
        .forRequest(request, request.params.volume)
        .chunked.cancel(request.headers[UPLOAD_TOKEN_HEADER]);
      return reply.code(204).send(null);
    },
  );
};
