// Markdown to safe HTML: markdown-it with raw HTML turned off (a `<script>` in the file is shown
// as text), code blocks highlighted from the syntax tree (escaped here), then sanitised.
import MarkdownIt from "markdown-it";
import { highlightLines } from "../text/highlight";
import { type HtmlContext, sanitizeHtml } from "./safe-html";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function highlightBlock(code: string, language: string): string {
  if (!language) return "";
  return highlightLines(code, language.toLowerCase())
    .map((line) =>
      line
        .map((t) =>
          t.className
            ? `<span class="${escapeHtml(t.className)}">${escapeHtml(t.text)}</span>`
            : escapeHtml(t.text),
        )
        .join(""),
    )
    .join("\n");
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, highlight: highlightBlock });

export function renderMarkdown(source: string, ctx: HtmlContext): DocumentFragment {
  return sanitizeHtml(md.render(source), ctx);
}
