// Lines of (highlighted) text with line numbers. Virtualised: a "Load more"-grown log of tens of
// thousands of lines keeps only the visible ones in the DOM. Lines never wrap, so each is one
// fixed-height row and the container scrolls sideways for long lines.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef } from "react";
import { highlightLines } from "./highlight";

const LINE_HEIGHT = 18;

interface CodeViewProps {
  text: string;
  language: string | undefined;
  /** Whether the text is the start of a longer file (then its last line may be cut). */
  partial: boolean;
  label: string;
}

export function CodeView({ text, language, partial, label }: CodeViewProps) {
  const lines = useMemo(() => {
    const all = highlightLines(text, language);
    // A final line break ends the last line; it does not start an empty one.
    if (all.length > 1 && (all[all.length - 1] as unknown[]).length === 0 && !partial) all.pop();
    return all;
  }, [text, language, partial]);
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
  });
  const gutter = `${String(lines.length).length + 1}ch`;
  return (
    <section
      ref={scrollRef}
      className="code-view"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
      tabIndex={0}
      aria-label={label}
      data-testid="code-view"
      data-language={language ?? "plain"}
    >
      <div className="code-lines" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.index}
            className="code-line"
            style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}
            data-line={item.index + 1}
          >
            <span className="code-ln" style={{ width: gutter }} aria-hidden="true">
              {item.index + 1}
            </span>
            <span className="code-text">
              {(lines[item.index] ?? []).map((token, i) =>
                token.className ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: tokens of a line are static.
                  <span key={i} className={token.className}>
                    {token.text}
                  </span>
                ) : (
                  token.text
                ),
              )}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}
