// The text of a file as far as it has been read: the whole file when the server's preview
// already held all of it, else 256 KiB ranges of `raw`, one more with each "Load more".

import type { FilePreview } from "@shared/api/files";
import { useMemo } from "react";
import { decodeChunks, type TextProblem } from "../logic/text-decoding";
import type { FileSource } from "./file-source";
import { CHUNK_BYTES, useGrowingChunks } from "./use-bytes";

export interface FileText {
  text: string;
  /** Whether `text` is the whole file. */
  complete: boolean;
  /** Bytes of the file that `text` covers (about: a cut character is held back). */
  bytesRead: number;
  problem?: TextProblem;
  loading: boolean;
  error: Error | null;
  /** Reads the next range; absent when there is nothing more, or it cannot be read. */
  loadMore?: () => void;
}

export function useFileText(source: FileSource, preview: FilePreview, chunkBytes = CHUNK_BYTES): FileText {
  const whole = preview.textPreview !== null && !preview.truncated;
  const growing = useGrowingChunks(source, chunkBytes, !whole && source.canRaw);
  const { chunks, endOfFile, bytesLoaded } = growing;
  // The chunks only ever grow, so their count and size identify them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  const decoded = useMemo(() => decodeChunks(chunks, endOfFile), [chunks.length, bytesLoaded, endOfFile]);
  if (whole) {
    return {
      text: preview.textPreview ?? "",
      complete: true,
      bytesRead: source.size,
      loading: false,
      error: null,
    };
  }
  if (!source.canRaw) {
    // Without `raw` only the server's first bytes can be shown.
    const head = preview.textPreview ?? "";
    return {
      text: head,
      complete: false,
      bytesRead: new TextEncoder().encode(head).length,
      loading: false,
      error: null,
    };
  }
  const canGrow = !endOfFile && !decoded.problem && !growing.loading && !growing.error;
  return {
    text: decoded.text,
    complete: endOfFile && !decoded.problem,
    bytesRead: bytesLoaded,
    ...(decoded.problem ? { problem: decoded.problem } : {}),
    loading: growing.loading,
    error: growing.error,
    ...(canGrow ? { loadMore: growing.loadMore } : {}),
  };
}
