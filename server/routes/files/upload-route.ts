// POST /:volume/upload. Its own scope so that no body parser reads the request: a raw body
// (any type but multipart) is handed over unread and streamed to the Files API, a multipart
// form is parsed part by part. Fastify's bodyLimit never applies here: the service counts bytes.
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { MultipartUploadResponse, UploadResponse } from "../../../shared/api/files.js";
import { badRequest } from "../../errors/catalogue.js";
import { lingerAfterEarlyAnswer } from "../../http/lingering-close.js";
import type { VolumeService } from "../../volumes/service.js";
import { PARSER_LIMITS, withinLimits } from "./multipart-limits.js";
import { VolumeParams } from "./schemas.js";

const UploadRouteQuery = Type.Object({
  /** Raw body: the file. Multipart: the folder the parts go into (may be the root). */
  path: Type.Optional(Type.String({ maxLength: 16_384 })),
  overwrite: Type.Optional(Type.Boolean({ default: false })),
});

function contentLengthOf(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!/^\d{1,16}$/.test(header.trim())) throw badRequest("Content-Length is not a number.");
  return Number(header);
}

export const uploadRoute: FastifyPluginAsyncTypebox<{ service: VolumeService }> = async (
  app,
  { service },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null));
  await app.register(multipart, { throwFileSizeLimit: false, limits: PARSER_LIMITS });

  app.addHook("onSend", lingerAfterEarlyAnswer);

  app.post(
    "/:volume/upload",
    {
      schema: {
        // The body is the file's raw bytes, or a form of files; documented in /api/openapi.json.
        consumes: ["application/octet-stream", "multipart/form-data"],
        params: VolumeParams,
        querystring: UploadRouteQuery,
        response: {
          200: Type.Union([UploadResponse, MultipartUploadResponse]),
          207: MultipartUploadResponse,
        },
      },
    },
    async (request, reply) => {
      const files = service.forRequest(request, request.params.volume);
      const overwrite = request.query.overwrite ?? false;
      if (request.isMultipart()) {
        // preservePath: a folder upload names parts "sub/file.txt"; the service applies the path rules.
        const parts = withinLimits(
          request.parts({
            preservePath: true,
            limits: { ...PARSER_LIMITS, fileSize: files.volume.maxUploadSize },
          }),
        );
        const outcome = await files.uploadMultipart(request.query.path ?? "", parts, { overwrite });
        // One file in the form: answer like a raw upload would (413, 409, 403 …). Some failed,
        // or the form was not read to its end (`stopped`): 207 with each file's outcome.
        if (outcome.singleFailure !== undefined) throw outcome.singleFailure;
        return reply.code(outcome.response.success ? 200 : 207).send(outcome.response);
      }
      const contentLength = contentLengthOf(request.headers["content-length"]);
      return files.upload(request.query.path ?? "", request.raw, { overwrite, contentLength });
    },
  );
};
