// JSON Lines: the first records of the first 256 KiB (more with "Load more"), each collapsible.
import { useMemo } from "react";
import { useFileText } from "@/features/preview/data/use-file-text";
import { splitJsonLines } from "@/features/preview/logic/json-lines";
import { ProblemNotice } from "../text/text-viewer";
import { ReadStatus, ViewerError, ViewerLoading } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";
import { JsonTree } from "./json-tree";

const SHOWN_RECORDS = { pane: 200, full: 1000 };

export default function JsonlViewer({ source, preview, mode }: ViewerProps) {
  const file = useFileText(source, preview);
  const lines = useMemo(
    () => splitJsonLines(file.text, file.complete, SHOWN_RECORDS[mode]),
    [file.text, file.complete, mode],
  );
  if (file.error && file.text === "") return <ViewerError error={file.error} />;
  if (file.loading && file.text === "") return <ViewerLoading />;
  const shown = lines.records.length;
  return (
    <div className="viewer viewer-jsonl" data-testid="jsonl-viewer">
      <div className="viewer-scroll">
        <ol className="jsonl-records">
          {lines.records.map((record) => (
            <li key={record.line} className="jsonl-record">
              <span className="jsonl-line" title={`Line ${record.line}`}>
                {record.line}
              </span>
              {"value" in record ? (
                <JsonTree value={record.value} openDepth={0} label={`Record on line ${record.line}`} />
              ) : (
                <span className="jsonl-error" title={record.error}>
                  Not JSON: <code>{record.source.slice(0, 200)}</code>
                </span>
              )}
            </li>
          ))}
        </ol>
      </div>
      {file.problem && <ProblemNotice problem={file.problem} partial={file.text !== ""} />}
      <ReadStatus
        read={file.bytesRead}
        size={source.size}
        complete={file.complete}
        detail={`${lines.total.toLocaleString()} record${lines.total === 1 ? "" : "s"}${file.complete ? "" : " so far"}${
          shown < lines.total ? ` (first ${shown.toLocaleString()} shown)` : ""
        }`}
        loading={file.loading}
        onLoadMore={file.loadMore}
      />
    </div>
  );
}
