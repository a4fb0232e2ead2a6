// Streamed whole-folder reads and tree walks, as NDJSON (shapes: shared/api/streams.ts).
//
//   GET /api/files/:volume/list-stream?path=<dir>
//     {"type":"start","allowedActions":[…]}
//     {"type":"entries","entries":[[name, isDir 0|1, size|null, lastModified|null], …]}  (one per page, ≤1000 rows)
//     {"type":"end","read":N,"truncated":false}          (truncated: over FILES_LIST_MAX_ENTRIES)
//   GET /api/files/:volume/search?path=<dir>&q=<text>   (substring, or a glob with * ? [ ], case-insensitive)
//     {"type":"match","path","folder","name","isDirectory","size","lastModified"}       (volume-relative paths)
//     {"type":"progress","foldersVisited","foldersSkipped","foldersFailed","matches"}    (every ~250 ms)
//     {"type":"folder-error","folder","status","code","message"}                         (that folder's contents are missing)
//     {"type":"end","foldersVisited","foldersSkipped","foldersFailed","matches","stoppedEarly":null|"folders"|"time"|"matches"}
//   GET /api/files/:volume/folder-stats?path=<dir>
//     {"type":"progress","folders","files","bytes","foldersVisited","foldersSkipped","foldersFailed"}
//     {"type":"folder-error",…}
//     {"type":"end",…same counters…,"stoppedEarly":null|"folders"|"time"}
//
// Any stream may end with {"type":"error","status","code","message"} instead of its end line
// when it fails part-way; a refusal before the first byte (bad path 400, policy 403, missing
// folder 404) is the usual JSON error. The policy's `list` permission is needed for the folder,
// and for every folder a walk enters (a folder it may not list is counted in foldersSkipped).
// The reader's pace drives the upstream calls (backpressure), and a client that goes away stops
// them. These are safe reads (GET): the CSRF guard does not apply.
import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  FolderStatsQuery,
  type ListStartLine,
  ListStreamQuery,
  NDJSON_CONTENT_TYPE,
  SearchQuery,
} from "../../../shared/api/streams.js";
import { noteFailure } from "../../http/request-log.js";
import { ndjsonLine } from "../../volumes/ops/stream-lines.js";
import type { VolumeService } from "../../volumes/service.js";
import { VolumeParams } from "./schemas.js";

const ERROR_LINE_PREFIX = '{"type":"error"';

/** Passes the lines through, noting an error line on the request's log line. */
async function* watched(request: FastifyRequest, lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const chunk of lines) {
    const at = chunk.lastIndexOf(ERROR_LINE_PREFIX);
    if (at >= 0 && (at === 0 || chunk[at - 1] === "\n")) {
      const { code, message } = JSON.parse(chunk.slice(at)) as { code: string; message: string };
      noteFailure(request, { code, message });
    }
    yield chunk;
  }
}

function sendLines(request: FastifyRequest, reply: FastifyReply, lines: AsyncIterable<string>) {
  // Byte mode: Readable.from pulls the next chunk only when the socket has taken the last ones.
  const body = Readable.from(watched(request, lines), { objectMode: false });
  return reply.type(NDJSON_CONTENT_TYPE).header("cache-control", "no-store").send(body);
}

async function* startingWith(first: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield first;
  yield* rest;
}

// Streamed bodies: the OpenAPI document describes them as NDJSON (see openapi.ts `produces`).
const ndjson = { produces: ["application/x-ndjson"] };

export const streamRoutes: FastifyPluginAsyncTypebox<{ service: VolumeService }> = async (
  app,
  { service },
) => {
  app.get(
    "/:volume/list-stream",
    // No automatic HEAD: it would read the whole folder to throw the body away.
    { schema: { params: VolumeParams, querystring: ListStreamQuery, ...ndjson }, exposeHeadRoute: false },
    async (request, reply) => {
      const files = service.forRequest(request, request.params.volume);
      const { allowedActions, lines } = await files.listStream(request.query.path);
      const start = ndjsonLine({ type: "start", allowedActions } satisfies ListStartLine);
      return sendLines(request, reply, startingWith(start, lines));
    },
  );

  app.get(
    "/:volume/search",
    { schema: { params: VolumeParams, querystring: SearchQuery, ...ndjson }, exposeHeadRoute: false },
    async (request, reply) => {
      const files = service.forRequest(request, request.params.volume);
      return sendLines(request, reply, await files.search(request.query.path, request.query.q));
    },
  );

  app.get(
    "/:volume/folder-stats",
    { schema: { params: VolumeParams, querystring: FolderStatsQuery, ...ndjson }, exposeHeadRoute: false },
    async (request, reply) => {
      const files = service.forRequest(request, request.params.volume);
      return sendLines(request, reply, await files.folderStats(request.query.path));
    },
  );
};
