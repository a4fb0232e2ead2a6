// A notebook: markdown cells rendered safely, code cells highlighted, outputs as text, images,
// sanitised HTML or JSON. Nothing in it runs.

import { parentOf } from "@shared/paths";
import { formatSize, MiB } from "@shared/sizes";
import { useMemo, useState } from "react";
import { useWholeFile } from "@/features/preview/data/use-bytes";
import { parseNotebook } from "@/features/preview/logic/notebook";
import { decodeChunks } from "@/features/preview/logic/text-decoding";
import { renderMarkdown } from "../markdown/render-markdown";
import { SafeHtmlView } from "../markdown/safe-html-view";
import { CodeBlock } from "../text/code-block";
import TextViewer from "../text/text-viewer";
import { Notice, ViewerError, ViewerLoading, ViewSwitch } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";
import { NotebookOutputView } from "./notebook-output";

/** Notebooks carry their outputs (images included): past this, only the start is shown as text. */
export const NOTEBOOK_LIMIT = 16 * MiB;

const VIEWS = [
  { value: "cells", label: "Cells" },
  { value: "source", label: "JSON" },
] as const;

function MarkdownCell({ source, ctx }: { source: string; ctx: Parameters<typeof renderMarkdown>[1] }) {
  const fragment = useMemo(() => renderMarkdown(source, ctx), [source, ctx]);
  return <SafeHtmlView fragment={fragment} className="markdown-body nb-markdown" />;
}

export default function NotebookViewer(props: ViewerProps) {
  const { source, preview } = props;
  const inline = preview.textPreview !== null && !preview.truncated;
  const whole = useWholeFile(source, inline ? -1 : NOTEBOOK_LIMIT);
  const [view, setView] = useState<"cells" | "source">("cells");
  const ctx = useMemo(() => ({ volume: source.volume, baseDir: parentOf(source.path) }), [source]);
  const parsed = useMemo(() => {
    const text = inline
      ? preview.textPreview
      : whole.data
        ? decodeChunks([whole.data], true).text
        : undefined;
    if (text === undefined || text === null) return undefined;
    try {
      return { ok: true as const, notebook: parseNotebook(text) };
    } catch (err) {
      return { ok: false as const, error: err instanceof Error ? err.message : String(err) };
    }
  }, [inline, preview.textPreview, whole.data]);
  if (source.size > NOTEBOOK_LIMIT || !source.canRaw) {
    return (
      <div className="viewer">
        <Notice>
          {source.canRaw
            ? `Notebooks over ${formatSize(NOTEBOOK_LIMIT)} are shown as text.`
            : "Only the start of this notebook can be read here."}
        </Notice>
        <TextViewer {...props} />
      </div>
    );
  }
  if (whole.error) return <ViewerError error={whole.error} />;
  if (!parsed) return <ViewerLoading />;
  if (!parsed.ok || view === "source") {
    return (
      <div className="viewer">
        {parsed.ok ? (
          <ViewSwitch options={VIEWS} value={view} onChange={setView} label="Notebook view" />
        ) : (
          <Notice tone="warning">This is not a readable notebook ({parsed.error}): shown as text.</Notice>
        )}
        <TextViewer {...props} />
      </div>
    );
  }
  const { notebook } = parsed;
  return (
    <div className="viewer viewer-notebook" data-testid="notebook-viewer">
      <ViewSwitch options={VIEWS} value={view} onChange={setView} label="Notebook view" />
      <div className="viewer-scroll nb-cells">
        {notebook.cells.map((cell, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
          <section key={index} className={`nb-cell nb-${cell.kind}`} data-testid="notebook-cell">
            {cell.kind === "code" && (
              <span className="nb-prompt" title="Execution count">
                [{cell.executionCount ?? " "}]
              </span>
            )}
            <div className="nb-body">
              {cell.kind === "markdown" ? (
                <MarkdownCell source={cell.source} ctx={ctx} />
              ) : (
                <CodeBlock
                  code={cell.source}
                  language={cell.kind === "code" ? notebook.language : undefined}
                />
              )}
              {cell.outputs.map((output, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: outputs are positional.
                <div key={i} className="nb-output" data-testid="notebook-output">
                  <NotebookOutputView output={output} ctx={ctx} />
                </div>
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
