// fetchNdjson's contract over a streamed Response: end line, error line, a cut-off stream, and
// a refusal before the stream starts. `fetch` answers with real Response objects whose bodies
// arrive in the chunks given.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-client";
import { fetchNdjson } from "./ndjson";
import { searchFolder, streamFolder } from "./streams";

function respond(chunks: string[], init: ResponseInit = {}) {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    calls.push(url);
    return new Response(stream, {
      status: 200,
      headers: { "content-type": "application/x-ndjson" },
      ...init,
    });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("fetchNdjson", () => {
  it("resolves with the end line after passing every other line on", async () => {
    respond(['{"type":"a"}\n{"type":"b"}\n{"type":"end","n":2}\n']);
    const seen: unknown[] = [];
    const end = await fetchNdjson("/x", { onLines: (lines) => seen.push(...lines) });
    expect(end).toEqual({ type: "end", n: 2 });
    expect(seen).toEqual([{ type: "a" }, { type: "b" }]);
  });

  it("rejects with the error line's code", async () => {
    respond(['{"type":"a"}\n{"type":"error","status":502,"code":"UPSTREAM_ERROR","message":"gone"}\n']);
    const failure = fetchNdjson("/x", { onLines: () => {} });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 502, code: "UPSTREAM_ERROR", message: "gone" });
  });

  it("never takes a stream without its end line for the whole answer", async () => {
    respond(['{"type":"a"}\n']);
    await expect(fetchNdjson("/x", { onLines: () => {} })).rejects.toMatchObject({
      code: "STREAM_INCOMPLETE",
    });
  });

  it("rejects with the server's error before the stream starts", async () => {
    respond(['{"code":"POLICY_DENIED","message":"no","error":"no","status":403}'], { status: 403 });
    await expect(fetchNdjson("/x", { onLines: () => {} })).rejects.toMatchObject({
      status: 403,
      code: "POLICY_DENIED",
    });
  });
});

describe("stream functions", () => {
  it("streamFolder reports allowed actions, then rows with a running count", async () => {
    const calls = respond([
      '{"type":"start","allowedActions":["list"]}\n{"type":"entries","entries":[["a",0,1,2],["b",1,null,null]]}\n',
      '{"type":"entries","entries":[["c",0,3,4]]}\n{"type":"end","read":3,"truncated":false}\n',
    ]);
    const batches: Array<[string[], number]> = [];
    const result = await streamFolder("vol", "dir a", {
      onBatch: (rows, read) => batches.push([rows.map((r) => r[0]), read]),
    });
    expect(calls).toEqual(["/api/files/vol/list-stream?path=dir+a"]);
    expect(batches).toEqual([
      [["a", "b"], 2],
      [["c"], 3],
    ]);
    expect(result).toEqual({ type: "end", read: 3, truncated: false, allowedActions: ["list"] });
  });

  it("searchFolder batches matches and passes progress and folder errors on", async () => {
    const match = (name: string) =>
      JSON.stringify({
        type: "match",
        path: `d/${name}`,
        folder: "d",
        name,
        isDirectory: false,
        size: 1,
        lastModified: 1,
      });
    const calls = respond([
      `${match("x1")}\n${match("x2")}\n{"type":"progress","foldersVisited":1,"foldersSkipped":0,"foldersFailed":0,"matches":2}\n`,
      '{"type":"folder-error","folder":"e","status":502,"code":"UPSTREAM_ERROR","message":"m"}\n',
      '{"type":"end","foldersVisited":2,"foldersSkipped":0,"foldersFailed":1,"matches":2,"stoppedEarly":null}\n',
    ]);
    const matches: string[][] = [];
    const progress: number[] = [];
    const errors: string[] = [];
    const end = await searchFolder("vol", "", "*.csv", {
      onMatches: (found) => matches.push(found.map((m) => m.name)),
      onProgress: (p) => progress.push(p.foldersVisited),
      onFolderError: (e) => errors.push(e.folder),
    });
    expect(calls).toEqual(["/api/files/vol/search?path=&q=*.csv"]);
    expect(matches).toEqual([["x1", "x2"]]);
    expect(progress).toEqual([1]);
    expect(errors).toEqual(["e"]);
    expect(end).toMatchObject({ foldersFailed: 1, stoppedEarly: null });
  });
});
