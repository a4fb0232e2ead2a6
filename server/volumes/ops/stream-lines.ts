// NDJSON lines shared by the streamed operations (list-stream, search, folder-stats). A failure
// after the first byte cannot change the HTTP status any more, so it becomes a line with the
// same code and safe message the JSON error body would have carried.
import type { FolderErrorLine, StreamErrorLine } from "../../../shared/api/streams.js";
import { mapError } from "../../errors/error-handler.js";
import type { VolumeContext } from "../context.js";

export const ndjsonLine = (value: object): string => `${JSON.stringify(value)}\n`;

function safeFields(err: unknown): { status: number; code: string; message: string; serverSide: boolean } {
  const { body, serverSide } = mapError(err);
  return { status: body.status, code: body.code, message: body.message, serverSide };
}

/** The stream's last line when it fails part-way; logged with the cause (never sent). */
export function errorLine(ctx: VolumeContext, err: unknown, operation: string): string {
  const { serverSide, ...fields } = safeFields(err);
  ctx.log.warn({ err, volume: ctx.volume.key, operation }, "stream failed part-way");
  return ndjsonLine({ type: "error", ...fields } satisfies StreamErrorLine);
}

/** One folder of a walk could not be listed (after the client's retries). */
export function folderErrorLine(ctx: VolumeContext, folder: string, err: unknown): string {
  const { serverSide, ...fields } = safeFields(err);
  ctx.log.warn(
    serverSide
      ? { err, volume: ctx.volume.key, folder }
      : { volume: ctx.volume.key, folder, code: fields.code },
    "walk: a folder could not be listed",
  );
  return ndjsonLine({ type: "folder-error", folder, ...fields } satisfies FolderErrorLine);
}
