// Reads an NDJSON response body (one JSON object per line) as it arrives. Lines are delivered
// in batches, one batch per network chunk, so a consumer that renders can do it once per chunk
// rather than once per line. Independent of React: the hooks wrap these functions.
import { ApiError, apiFetch } from "../../lib/api-client";

/** The last line of a stream that failed after it started (shared/api/streams.ts StreamErrorLine). */
interface ErrorLine {
  type: "error";
  status: number;
  code: string;
  message: string;
}

/** A stream that stopped without its end line: what arrived is not the whole answer. */
export const streamIncomplete = () =>
  new ApiError(502, "STREAM_INCOMPLETE", "The server's answer was cut off before it finished; try again.");

/**
 * Calls `onLines` with the parsed lines of each chunk of `body`, splitting lines across chunk
 * boundaries (and UTF-8 characters across bytes). Resolves when the body ends; rejects when it
 * breaks or `signal` aborts (with the signal's reason).
 */
export async function readNdjson<T>(
  body: ReadableStream<Uint8Array>,
  onLines: (lines: T[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  const parse = (text: string, final: boolean): void => {
    const parts = text.split("\n");
    rest = final ? "" : (parts.pop() ?? "");
    const lines: T[] = [];
    for (const part of parts) if (part.trim() !== "") lines.push(JSON.parse(part) as T);
    if (lines.length > 0) onLines(lines);
  };
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      const text = rest + decoder.decode(value, { stream: true });
      // Most chunks end mid-line: only split when a line is complete.
      if (text.includes("\n")) parse(text, false);
      else rest = text;
    }
    parse(rest + decoder.decode(), true);
  } catch (err) {
    // A malformed line or a throwing consumer: stop the download too.
    await reader.cancel(err).catch(() => {});
    throw err;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}

export interface NdjsonStreamOptions<T> {
  signal?: AbortSignal;
  /** Every line but the final `end` (and `error`) line, a chunk's worth at a time. */
  onLines: (lines: T[]) => void;
}

/**
 * GETs an NDJSON route and resolves with its `end` line. A refusal before the stream starts
 * rejects with the server's ApiError (as apiFetch does); an `error` line rejects with an
 * ApiError carrying its code; a stream cut off before its `end` line rejects with
 * STREAM_INCOMPLETE, so a partial answer is never taken for the whole.
 */
export async function fetchNdjson<T extends { type: string }, End extends T>(
  url: string,
  options: NdjsonStreamOptions<T>,
): Promise<End> {
  const res = await apiFetch(url, { signal: options.signal, headers: { accept: "application/x-ndjson" } });
  if (!res.body) throw streamIncomplete();
  let end: End | undefined;
  let failure: ErrorLine | undefined;
  await readNdjson<T>(
    res.body,
    (lines) => {
      const last = lines[lines.length - 1];
      if (last?.type === "end") end = last as End;
      else if (last?.type === "error") failure = last as unknown as ErrorLine;
      const body = end !== undefined || failure !== undefined ? lines.slice(0, -1) : lines;
      if (body.length > 0) options.onLines(body);
    },
    options.signal,
  );
  if (failure) throw new ApiError(failure.status, failure.code, failure.message);
  if (!end) throw streamIncomplete();
  return end;
}
