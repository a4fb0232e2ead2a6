// A short highlighted snippet (a notebook cell), drawn whole: no virtualisation, no numbers.
import { useMemo } from "react";
import { highlightLines } from "./highlight";

export function CodeBlock({ code, language }: { code: string; language: string | undefined }) {
  const lines = useMemo(() => highlightLines(code, language), [code, language]);
  return (
    <pre className="code-block">
      {lines.map((line, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a static snippet.
        <span key={n} className="code-block-line">
          {line.map((token, i) =>
            token.className ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: tokens of a static line.
              <span key={i} className={token.className}>
                {token.text}
              </span>
            ) : (
              token.text
            ),
          )}
          {n < lines.length - 1 ? "\n" : null}
        </span>
      ))}
    </pre>
  );
}
