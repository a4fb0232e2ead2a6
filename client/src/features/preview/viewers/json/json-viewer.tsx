// JSON as a collapsible tree (whole files up to a few MiB), or its start as text beyond that.

import { formatSize, MiB } from "@shared/sizes";
import { useMemo, useState } from "react";
import { useWholeFile } from "@/features/preview/data/use-bytes";
import { decodeChunks } from "@/features/preview/logic/text-decoding";
import { CodeView } from "../text/code-view";
import TextViewer from "../text/text-viewer";
import { Notice, ReadStatus, ViewerError, ViewerLoading, ViewSwitch } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";
import { JsonTree } from "./json-tree";

/** A tree needs the whole document; past this it would be slow to fetch and to draw. */
export const JSON_TREE_LIMIT = 4 * MiB;

const VIEWS = [
  { value: "tree", label: "Tree" },
  { value: "source", label: "Source" },
] as const;

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export default function JsonViewer(props: ViewerProps) {
  const { source, preview, mode } = props;
  const inline = preview.textPreview !== null && !preview.truncated;
  const fits = source.size <= JSON_TREE_LIMIT;
  const whole = useWholeFile(source, inline ? -1 : JSON_TREE_LIMIT);
  const [view, setView] = useState<"tree" | "source">("tree");
  const text = useMemo(() => {
    if (inline) return { text: preview.textPreview ?? "" };
    return whole.data ? decodeChunks([whole.data], true) : undefined;
  }, [inline, preview.textPreview, whole.data]);
  const parsed = useMemo((): Parsed | undefined => {
    if (!text || text.problem) return undefined;
    try {
      return { ok: true, value: JSON.parse(text.text) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }, [text]);
  if (!fits || !source.canRaw) {
    return (
      <div className="viewer viewer-json-large">
        <Notice>
          {fits
            ? "Only the start of this file can be read here, so it is shown as text."
            : `JSON files over ${formatSize(JSON_TREE_LIMIT)} are shown as text: a tree needs the whole file.`}
        </Notice>
        <TextViewer {...props} />
      </div>
    );
  }
  if (whole.error) return <ViewerError error={whole.error} />;
  if (!text) return <ViewerLoading />;
  return (
    <div className="viewer viewer-json" data-testid="json-viewer">
      <ViewSwitch options={VIEWS} value={view} onChange={setView} label="JSON view" />
      {parsed && !parsed.ok && (
        <Notice tone="warning" testId="json-error">
          This is not valid JSON ({parsed.error}): shown as text.
        </Notice>
      )}
      {text.problem && <Notice tone="warning">The file is not UTF-8 text, so it can't be shown.</Notice>}
      {view === "tree" && parsed?.ok ? (
        <div className="viewer-scroll">
          <JsonTree
            value={parsed.value}
            openDepth={mode === "full" ? 3 : 2}
            label={`Contents of ${source.name}`}
          />
        </div>
      ) : (
        !text.problem && (
          <CodeView text={text.text} language="json" partial={false} label={`Source of ${source.name}`} />
        )
      )}
      <ReadStatus read={source.size} size={source.size} complete />
    </div>
  );
}
