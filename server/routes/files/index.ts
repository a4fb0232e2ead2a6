// /api/files: AppKit's files routes (same names and shapes where they overlap) plus ours
// (move, zip, recursive delete, multipart and chunked uploads). Every handler is one service call.
import type { FastifyInstance } from "fastify";
import type { VolumesOverview } from "../../diagnostics/volumes-overview.js";
import { notFound } from "../../errors/catalogue.js";
import { sendError } from "../../errors/error-handler.js";
import type { VolumeService } from "../../volumes/service.js";
import { chunkedUploadRoutes } from "./chunked-upload-routes.js";
import { readRoutes } from "./read-routes.js";
import { serveRoutes } from "./serve-routes.js";
import { streamRoutes } from "./stream-routes.js";
import { uploadRoute } from "./upload-route.js";
import { volumesRoute } from "./volumes.js";
import { writeRoutes } from "./write-routes.js";

export interface FilesRoutesOptions {
  service: VolumeService;
  overview: VolumesOverview;
}

export async function filesRoutes(app: FastifyInstance, options: FilesRoutesOptions): Promise<void> {
  const { service } = options;
  await app.register(volumesRoute, { overview: options.overview });
  await app.register(readRoutes, { service });
  await app.register(serveRoutes, { service });
  await app.register(writeRoutes, { service });
  await app.register(uploadRoute, { service });
  await app.register(chunkedUploadRoutes, { service });
  await app.register(streamRoutes, { service });
  app.setNotFoundHandler((request, reply) =>
    sendError(notFound(`No route ${request.method} ${request.url.split("?")[0] ?? ""}`), request, reply),
  );
}
