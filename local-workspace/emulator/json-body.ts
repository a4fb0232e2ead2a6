// Small JSON request bodies of the Files API's POST endpoints, read with a size cap.
import type { IncomingMessage } from "node:http";
import { EmulatorApiError } from "./errors.js";

/** Far above any real request (a complete-upload of 10,000 parts is about 1 MB). */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new EmulatorApiError(
        413,
        "REQUEST_LIMIT_EXCEEDED",
        `The request body exceeds ${maxBytes} bytes.`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new EmulatorApiError(
      400,
      "MALFORMED_REQUEST",
      `Could not parse request object: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
