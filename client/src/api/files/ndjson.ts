// GETs an NDJSON route and reads it as it arrives (the line splitting is shared/ndjson-reader.ts,
// which the server's tests use too). Independent of React: the hooks wrap these functions.
import { readNdjson } from "@shared/ndjson-reader";
import { ApiError, apiFetch } from "@/lib/api-client";

export { readNdjson };

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
