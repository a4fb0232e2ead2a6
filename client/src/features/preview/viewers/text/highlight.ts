// Syntax highlighting as data: lowlight (highlight.js grammars) gives a syntax tree, which is
// flattened into lines of class-named tokens and rendered by React. No HTML string from the
// highlighter is ever parsed, so file text cannot become markup whatever the grammar does.
import type { ElementContent, RootContent } from "hast";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import csharp from "highlight.js/lib/languages/csharp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import go from "highlight.js/lib/languages/go";
import graphql from "highlight.js/lib/languages/graphql";
import ini from "highlight.js/lib/languages/ini";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import kotlin from "highlight.js/lib/languages/kotlin";
import lua from "highlight.js/lib/languages/lua";
import makefile from "highlight.js/lib/languages/makefile";
import markdown from "highlight.js/lib/languages/markdown";
import perl from "highlight.js/lib/languages/perl";
import php from "highlight.js/lib/languages/php";
import powershell from "highlight.js/lib/languages/powershell";
import properties from "highlight.js/lib/languages/properties";
import protobuf from "highlight.js/lib/languages/protobuf";
import python from "highlight.js/lib/languages/python";
import r from "highlight.js/lib/languages/r";
import ruby from "highlight.js/lib/languages/ruby";
import rust from "highlight.js/lib/languages/rust";
import scala from "highlight.js/lib/languages/scala";
import scss from "highlight.js/lib/languages/scss";
import sql from "highlight.js/lib/languages/sql";
import swift from "highlight.js/lib/languages/swift";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { createLowlight } from "lowlight";

const lowlight = createLowlight({
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  dockerfile,
  go,
  graphql,
  ini,
  java,
  javascript,
  json,
  kotlin,
  lua,
  makefile,
  markdown,
  perl,
  php,
  powershell,
  properties,
  protobuf,
  python,
  r,
  ruby,
  rust,
  scala,
  scss,
  sql,
  swift,
  typescript,
  xml,
  yaml,
});

export interface Token {
  text: string;
  /** highlight.js scope classes (`hljs-keyword …`), absent for plain text. */
  className?: string;
}

/** Past this, highlighting costs more than it helps (logs, dumps): the text is shown plain. */
export const HIGHLIGHT_LIMIT = 512 * 1024;

export function canHighlight(language: string | undefined): language is string {
  return language !== undefined && lowlight.registered(language);
}

/** Text split into lines of tokens; a token spanning lines (a block comment) is split too. */
export function highlightLines(code: string, language: string | undefined): Token[][] {
  const lines: Token[][] = [[]];
  const emit = (text: string, className: string | undefined) => {
    const pieces = text.split(/\r\n|\n|\r/);
    pieces.forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece !== "")
        (lines[lines.length - 1] as Token[]).push(className ? { text: piece, className } : { text: piece });
    });
  };
  if (!canHighlight(language) || code.length > HIGHLIGHT_LIMIT) {
    emit(code, undefined);
    return lines;
  }
  const walk = (nodes: readonly (RootContent | ElementContent)[], classes: string[]) => {
    for (const node of nodes) {
      if (node.type === "text") emit(node.value, classes.length > 0 ? classes.join(" ") : undefined);
      else if (node.type === "element") {
        const own = node.properties.className;
        const names = Array.isArray(own) ? own.map(String) : [];
        walk(node.children, [...classes, ...names]);
      }
    }
  };
  walk(lowlight.highlight(language, code).children, []);
  return lines;
}
