// One cell output, in the representation logic/notebook.ts picked. Markdown and HTML outputs go
// through the sanitiser; images are data: URLs in <img> (an SVG image runs no script).
import { useMemo } from "react";
import { type AnsiSegment, ansiSegments, type NotebookOutput } from "@/features/preview/logic/notebook";
import { JsonTree } from "../json/json-tree";
import { renderMarkdown } from "../markdown/render-markdown";
import { type HtmlContext, sanitizeHtml } from "../markdown/safe-html";
import { SafeHtmlView } from "../markdown/safe-html-view";

function Ansi({ segments }: { segments: AnsiSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.color === undefined && !s.bold ? (
          s.text
        ) : (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: segments of static text.
            key={i}
            className={`${s.color !== undefined ? `ansi-${s.color}` : ""}${s.bold ? " ansi-bold" : ""}`}
          >
            {s.text}
          </span>
        ),
      )}
    </>
  );
}

function Fragment({ build, className }: { build: () => DocumentFragment; className: string }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: an output never changes once shown.
  const fragment = useMemo(build, []);
  return <SafeHtmlView fragment={fragment} className={className} />;
}

export function NotebookOutputView({ output, ctx }: { output: NotebookOutput; ctx: HtmlContext }) {
  switch (output.type) {
    case "image":
      return (
        <img
          className="nb-image"
          src={output.src}
          alt="Cell output"
          data-testid="notebook-image"
          {...(output.width ? { width: output.width } : {})}
          {...(output.height ? { height: output.height } : {})}
        />
      );
    case "stream":
      return (
        <pre className={`nb-text nb-stream${output.name === "stderr" ? " nb-stderr" : ""}`}>
          <Ansi segments={ansiSegments(output.text)} />
        </pre>
      );
    case "text":
      return (
        <pre className="nb-text">
          <Ansi segments={ansiSegments(output.text)} />
        </pre>
      );
    case "markdown":
      return <Fragment build={() => renderMarkdown(output.markdown, ctx)} className="markdown-body" />;
    case "html":
      return <Fragment build={() => sanitizeHtml(output.html, ctx)} className="nb-html" />;
    case "json":
      return <JsonTree value={output.value} openDepth={1} label="JSON output" />;
    case "error":
      return (
        <pre className="nb-text nb-error">
          <Ansi segments={ansiSegments(output.traceback || `${output.ename}: ${output.evalue}`)} />
        </pre>
      );
    case "unsupported":
      return (
        <p className="muted small">
          Output not shown{output.mimes.length > 0 ? ` (${output.mimes.join(", ")})` : ""}: it needs a live
          notebook.
        </p>
      );
  }
}
