// A folder's recursive totals (entries and bytes), computed on request: walking a big tree costs
// many listings, so it never starts by itself. Streamed (progress while it counts), cancellable,
// and cancelled when the details show something else.

import type { FolderTotals as Totals } from "@shared/api/streams";
import { formatSize } from "@shared/sizes";
import { Calculator, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { folderStats } from "@/api/files/streams";
import { errorLine } from "@/lib/describe-error";

type State =
  | { kind: "idle" }
  | { kind: "running"; totals?: Totals }
  | { kind: "done"; totals: Totals; stoppedEarly: "folders" | "time" | "matches" | null }
  | { kind: "cancelled"; totals?: Totals }
  | { kind: "failed"; error: unknown };

function totalsLine(t: Totals): string {
  const files = `${t.files.toLocaleString()} ${t.files === 1 ? "file" : "files"}`;
  const folders = `${t.folders.toLocaleString()} ${t.folders === 1 ? "folder" : "folders"}`;
  return `${(t.files + t.folders).toLocaleString()} entries (${files}, ${folders}) · ${formatSize(t.bytes)}`;
}

export function FolderTotals({ volume, path }: { volume: string; path: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const controller = useRef<AbortController | null>(null);
  // Another folder, or the panel closing: stop counting.
  useEffect(() => () => controller.current?.abort(), []);

  const start = () => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: "running" });
    folderStats(volume, path, {
      signal: abort.signal,
      onProgress: ({ type: _type, ...totals }) => {
        if (!abort.signal.aborted) setState({ kind: "running", totals });
      },
    }).then(
      ({ type: _type, stoppedEarly, ...totals }) => setState({ kind: "done", totals, stoppedEarly }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ kind: "failed", error });
      },
    );
  };
  const cancel = () => {
    controller.current?.abort();
    setState((s) => ({
      kind: "cancelled",
      ...(s.kind === "running" && s.totals ? { totals: s.totals } : {}),
    }));
  };

  let text: string;
  let notes: string[] = [];
  switch (state.kind) {
    case "idle":
      text = "Not calculated";
      break;
    case "running":
      text = state.totals ? `${totalsLine(state.totals)} so far…` : "Counting…";
      break;
    case "cancelled":
      text = state.totals ? `Cancelled at ${totalsLine(state.totals)}` : "Cancelled";
      break;
    case "failed":
      text = `Could not count: ${errorLine(state.error)}`;
      break;
    case "done": {
      const t = state.totals;
      text = totalsLine(t);
      notes = [
        ...(state.stoppedEarly
          ? [
              `Stopped at its ${state.stoppedEarly === "time" ? "time" : "folder"} limit: the folder holds more.`,
            ]
          : []),
        ...(t.foldersSkipped > 0
          ? [`${t.foldersSkipped.toLocaleString()} folders you may not list are not counted.`]
          : []),
        ...(t.foldersFailed > 0
          ? [`${t.foldersFailed.toLocaleString()} folders could not be read and are not counted.`]
          : []),
      ];
    }
  }
  return (
    <div className="folder-totals" data-testid="folder-totals">
      <span data-testid="folder-totals-text" data-state={state.kind}>
        {text}
      </span>
      {notes.map((note) => (
        <span key={note} className="muted folder-totals-note">
          {note}
        </span>
      ))}
      {state.kind === "running" ? (
        <button type="button" className="btn btn-small" onClick={cancel} data-testid="folder-totals-cancel">
          <X size={14} aria-hidden="true" /> Cancel
        </button>
      ) : (
        <button type="button" className="btn btn-small" onClick={start} data-testid="folder-totals-calculate">
          <Calculator size={14} aria-hidden="true" />{" "}
          {state.kind === "idle" ? "Calculate" : "Calculate again"}
        </button>
      )}
    </div>
  );
}
