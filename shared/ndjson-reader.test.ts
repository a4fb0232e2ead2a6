import { describe, expect, it } from "vitest";
import { readNdjson } from "./ndjson-reader.js";

/** A body that arrives in exactly these byte chunks. */
function body(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function read(chunks: Array<string | Uint8Array>) {
  const batches: unknown[][] = [];
  await readNdjson(body(chunks), (lines) => batches.push(lines));
  return batches;
}

describe("readNdjson", () => {
  it("joins lines split across chunks and delivers one batch per chunk", async () => {
    expect(await read(['{"a":1}\n{"b"', ':2}\n{"c":3}\n', '{"d":4}\n'])).toEqual([
      [{ a: 1 }],
      [{ b: 2 }, { c: 3 }],
      [{ d: 4 }],
    ]);
  });

  it("keeps a multi-byte character split between chunks intact", async () => {
    const bytes = new TextEncoder().encode('{"name":"été 日本"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside "é"
    expect(await read([bytes.slice(0, cut), bytes.slice(cut)])).toEqual([[{ name: "été 日本" }]]);
  });

  it("reads a last line without a newline, and skips blank lines", async () => {
    expect(await read(['{"a":1}\n\n', '{"b":2}'])).toEqual([[{ a: 1 }], [{ b: 2 }]]);
  });

  it("rejects a malformed line", async () => {
    await expect(read(['{"a":1}\n{oops}\n'])).rejects.toThrow(SyntaxError);
  });

  it("stops and rejects with the signal's reason when aborted mid-stream", async () => {
    const controller = new AbortController();
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(new TextEncoder().encode('{"n":1}\n'));
      },
    });
    const seen: unknown[] = [];
    const reading = readNdjson(
      endless,
      (lines) => {
        seen.push(...lines);
        if (seen.length >= 3) controller.abort(new Error("left"));
      },
      controller.signal,
    );
    await expect(reading).rejects.toThrow("left");
    expect(seen).toHaveLength(3);
    expect(pulls).toBeLessThan(10);
  });
});
