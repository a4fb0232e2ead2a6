// Markdown rendered (safely: see render-markdown.ts) or as highlighted source.

import { parentOf } from "@shared/paths";
import { useMemo, useState } from "react";
import { useFileText } from "@/features/preview/data/use-file-text";
import { CodeView } from "../text/code-view";
import { ProblemNotice } from "../text/text-viewer";
import { ReadStatus, ViewerError, ViewerLoading, ViewSwitch } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";
import { renderMarkdown } from "./render-markdown";
import { SafeHtmlView } from "./safe-html-view";

const VIEWS = [
  { value: "rendered", label: "Rendered" },
  { value: "source", label: "Source" },
] as const;

export default function MarkdownViewer({ source, preview }: ViewerProps) {
  const file = useFileText(source, preview);
  const [view, setView] = useState<"rendered" | "source">("rendered");
  const fragment = useMemo(
    () => renderMarkdown(file.text, { volume: source.volume, baseDir: parentOf(source.path) }),
    [file.text, source.volume, source.path],
  );
  if (file.error && file.text === "") return <ViewerError error={file.error} />;
  if (file.loading && file.text === "") return <ViewerLoading />;
  return (
    <div className="viewer viewer-markdown" data-testid="markdown-viewer">
      <ViewSwitch options={VIEWS} value={view} onChange={setView} label="Markdown view" />
      {view === "rendered" ? (
        <div className="viewer-scroll">
          <SafeHtmlView fragment={fragment} className="markdown-body" testId="markdown-body" />
        </div>
      ) : (
        <CodeView
          text={file.text}
          language="markdown"
          partial={!file.complete}
          label={`Source of ${source.name}`}
        />
      )}
      {file.problem && <ProblemNotice problem={file.problem} partial={file.text !== ""} />}
      <ReadStatus
        read={file.bytesRead}
        size={source.size}
        complete={file.complete}
        loading={file.loading}
        onLoadMore={file.loadMore}
      />
    </div>
  );
}
