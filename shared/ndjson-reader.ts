// Reads an NDJSON body (one JSON object per line) as it arrives, for the browser and for tests
// in Node alike (web streams, no imports). Lines are delivered in batches, one batch per network
// chunk, so a consumer that renders can do it once per chunk rather than once per line.

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
