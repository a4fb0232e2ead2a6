// GET download, raw and zip: streamed bytes. The upstream body is piped to the client with
// backpressure; when the client goes away, Fastify destroys it, which aborts the upstream call.
// HEAD gets its own handlers: Fastify's automatic HEAD would read a streamed body to its end.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ZipQuery } from "../../../shared/api/files.js";
import { zipHeaders } from "../../http/download-headers.js";
import { noteStreamFailure } from "../../http/request-log.js";
import type { ServedFile } from "../../volumes/ops/serve.js";
import type { VolumeService } from "../../volumes/service.js";
import { RequiredPathQuery, VolumeParams } from "./schemas.js";

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function conditionalHeaders(request: FastifyRequest) {
  return {
    range: single(request.headers.range),
    ifNoneMatch: single(request.headers["if-none-match"]),
    ifRange: single(request.headers["if-range"]),
  };
}

function send(reply: FastifyReply, served: ServedFile) {
  reply.code(served.status).headers(served.headers);
  if (!served.body) return reply.send();
  noteStreamFailure(reply.request, served.body);
  return reply.send(served.body);
}

const fileSchema = { params: VolumeParams, querystring: RequiredPathQuery };

export const serveRoutes: FastifyPluginAsyncTypebox<{ service: VolumeService }> = async (
  app,
  { service },
) => {
  for (const mode of ["download", "raw"] as const) {
    app.get(`/:volume/${mode}`, { schema: fileSchema, exposeHeadRoute: false }, async (request, reply) => {
      const files = service.forRequest(request, request.params.volume);
      return send(reply, await files[mode](request.query.path, conditionalHeaders(request)));
    });
    app.head(`/:volume/${mode}`, { schema: fileSchema }, async (request, reply) => {
      const files = service.forRequest(request, request.params.volume);
      return send(reply, await files.head(request.query.path, mode, conditionalHeaders(request)));
    });
  }

  app.get(
    "/:volume/zip",
    { schema: { params: VolumeParams, querystring: ZipQuery }, exposeHeadRoute: false },
    async (request, reply) => {
      const { path, name } = request.query;
      const files = service.forRequest(request, request.params.volume);
      const { fileName, stream } = await files.zip(Array.isArray(path) ? path : [path], name);
      reply.headers(zipHeaders(fileName));
      noteStreamFailure(request, stream);
      return reply.send(stream);
    },
  );

  // The same checks without a byte of the archive: the app asks this before handing a zip to
  // the browser, so a refusal (gone, denied, too many paths) shows in the app, not as a file.
  app.head(
    "/:volume/zip",
    { schema: { params: VolumeParams, querystring: ZipQuery } },
    async (request, reply) => {
      const { path, name } = request.query;
      const files = service.forRequest(request, request.params.volume);
      const { fileName, stream } = await files.zip(Array.isArray(path) ? path : [path], name);
      // Never read: the archive's walk has not started.
      stream.destroy();
      return reply.headers(zipHeaders(fileName)).send();
    },
  );
};
