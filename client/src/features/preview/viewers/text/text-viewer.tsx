// Text and source code: highlighted, with line numbers, the first 256 KiB and "Load more".
// HTML and SVG come here too, as source: their markup is text in this view, never a document.
import { useFileText } from "@/features/preview/data/use-file-text";
import { Notice, ReadStatus, ViewerError, ViewerLoading } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";
import { CodeView } from "./code-view";
import { languageFor } from "./languages";

export function ProblemNotice({ problem, partial }: { problem: "binary" | "encoding"; partial: boolean }) {
  const where = partial ? "Further on, the file" : "The file";
  return problem === "binary" ? (
    <Notice tone="warning" testId="binary-notice">
      {where} holds binary data, not text: download it to open it with a suitable program.
    </Notice>
  ) : (
    <Notice tone="warning" testId="encoding-notice">
      {where} is not valid UTF-8 text (it may use another encoding, such as Latin-1 or UTF-16), so it isn't
      shown here.
    </Notice>
  );
}

export default function TextViewer({ source, preview }: ViewerProps) {
  const file = useFileText(source, preview);
  if (file.error && file.text === "") return <ViewerError error={file.error} />;
  if (file.loading && file.text === "") return <ViewerLoading />;
  const language = languageFor(source.name);
  const lineCount = file.text === "" ? 0 : file.text.split("\n").length - (file.text.endsWith("\n") ? 1 : 0);
  return (
    <div className="viewer viewer-text" data-testid="text-viewer">
      {(preview.kind === "html" || preview.kind === "svg") && (
        <Notice testId="markup-source-notice">
          Shown as source: markup from a file never runs in this app.
        </Notice>
      )}
      {file.text === "" && !file.problem && file.complete && (
        <p className="muted small">The file is empty.</p>
      )}
      {file.text !== "" && (
        <CodeView
          text={file.text}
          language={language}
          partial={!file.complete}
          label={`Contents of ${source.name}`}
        />
      )}
      {file.problem && <ProblemNotice problem={file.problem} partial={file.text !== ""} />}
      {file.error && <ViewerError error={file.error} />}
      <ReadStatus
        read={file.bytesRead}
        size={source.size}
        complete={file.complete}
        detail={`${lineCount.toLocaleString()} line${lineCount === 1 ? "" : "s"}${file.complete ? "" : " so far"}`}
        loading={file.loading}
        onLoadMore={file.loadMore}
      />
    </div>
  );
}
