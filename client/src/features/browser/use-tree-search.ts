// A search of this folder and everything under it (the search route), as the person types:
// each new query cancels the previous walk, as does leaving the folder or pressing Stop.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  type FolderErrorLine,
  type SearchEndLine,
  type SearchMatchLine,
  type SearchProgressLine,
  searchFolder,
} from "@/api/files/streams";

export interface TreeSearch {
  /** The query these results are for ('' when no search runs). */
  query: string;
  matches: SearchMatchLine[];
  progress: Omit<SearchProgressLine, "type">;
  running: boolean;
  /** The walk's last line: how it ended (stoppedEarly), absent while running or after Stop. */
  end?: SearchEndLine;
  /** The person pressed Stop: the results are what was found until then. */
  stopped: boolean;
  folderErrors: FolderErrorLine[];
  error?: unknown;
}

const START = { foldersVisited: 0, foldersSkipped: 0, foldersFailed: 0, matches: 0 };
const IDLE: TreeSearch = {
  query: "",
  matches: [],
  progress: START,
  running: false,
  stopped: false,
  folderErrors: [],
};

export function useTreeSearch(volume: string, path: string, query: string) {
  const [state, setState] = useState<TreeSearch>(IDLE);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (q === "") {
      setState(IDLE);
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    setState({ ...IDLE, query: q, running: true });
    const update = (change: (s: TreeSearch) => TreeSearch) => {
      if (!abort.signal.aborted) setState(change);
    };
    searchFolder(volume, path, q, {
      signal: abort.signal,
      onMatches: (found) => update((s) => ({ ...s, matches: [...s.matches, ...found] })),
      onProgress: ({ type: _type, ...progress }) => update((s) => ({ ...s, progress })),
      onFolderError: (line) => update((s) => ({ ...s, folderErrors: [...s.folderErrors, line] })),
    }).then(
      (end) => {
        const { type: _type, stoppedEarly: _stopped, ...progress } = end;
        update((s) => ({ ...s, running: false, end, progress }));
      },
      (error: unknown) => update((s) => ({ ...s, running: false, error })),
    );
    return () => abort.abort();
  }, [volume, path, query]);

  const stop = useCallback(() => {
    controller.current?.abort();
    setState((s) => (s.running ? { ...s, running: false, stopped: true } : s));
  }, []);

  return { ...state, stop };
}
