// Byte ranges as queries: cached per file version (a version's bytes never change, so they are
// never stale), shared by the pane and the full-screen view, and kept when the selection moves
// on. Fetches are not cancelled when a preview unmounts: they are small and bounded, and the
// next look at the same file is then instant.
import { queryOptions, useQueries, useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { queryKeys } from "@/api/query-keys";
import { type FileSource, fetchRange } from "./file-source";

/** What a text-like preview reads at a time: the first screenfuls, then one "Load more" each. */
export const CHUNK_BYTES = 256 * 1024;

export function bytesQueryOptions(source: FileSource, start: number, end: number) {
  return queryOptions({
    queryKey: queryKeys.previewBytes(source, start, end),
    queryFn: () => fetchRange(source, start, end),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
  });
}

export interface Chunks {
  /** The loaded chunks from the start of the file, without gaps. */
  chunks: Uint8Array[];
  bytesLoaded: number;
  /** Whether the loaded chunks reach the end of the file. */
  endOfFile: boolean;
  loading: boolean;
  error: Error | null;
}

/** The first `count` chunks of `chunkSize` bytes. */
export function useChunks(source: FileSource, chunkSize: number, count: number, enabled = true): Chunks {
  const starts: number[] = [];
  for (let i = 0; i < count && (i === 0 || i * chunkSize < source.size); i++) starts.push(i * chunkSize);
  return useQueries({
    queries: starts.map((start) => ({ ...bytesQueryOptions(source, start, start + chunkSize), enabled })),
    combine: (results) => {
      const chunks: Uint8Array[] = [];
      for (const result of results) {
        if (!result.data) break;
        chunks.push(result.data);
      }
      const bytesLoaded = chunks.reduce((sum, c) => sum + c.length, 0);
      return {
        chunks,
        bytesLoaded,
        endOfFile: bytesLoaded >= source.size,
        loading: enabled && results.some((r) => r.isPending),
        error: results.find((r) => r.error)?.error ?? null,
      };
    },
  });
}

/** Chunks that grow by one with each `loadMore()`. */
export function useGrowingChunks(source: FileSource, chunkSize = CHUNK_BYTES, enabled = true) {
  const [count, setCount] = useState(1);
  const chunks = useChunks(source, chunkSize, count, enabled);
  const loadMore = useCallback(() => setCount((n) => n + 1), []);
  return { ...chunks, loadMore };
}

/** The whole file when it is at most `cap` bytes (else the query stays idle). */
export function useWholeFile(source: FileSource, cap: number) {
  return useQuery({
    ...bytesQueryOptions(source, 0, source.size),
    enabled: source.size <= cap && source.canRaw,
  });
}
