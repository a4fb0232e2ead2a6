// The tokenizer for policy expressions. Bare words cover names (`public-read`), actions, emails
// (`alice@x.com`) and even unquoted globs (`reports/**`), so only `(`, `)`, `,`, quotes and
// whitespace are special; quoting is needed only for those characters.
import { PolicyExpressionError } from "./expression-error.js";

export type Token =
  | { kind: "(" | ")" | "," | "end"; start: number; end: number }
  | { kind: "word"; text: string; start: number; end: number }
  | { kind: "string"; value: string; start: number; end: number };

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", '"': '"', "'": "'", n: "\n", t: "\t" };
const SPECIAL = new Set(["(", ")", ",", '"', "'"]);

function isSpace(char: string): boolean {
  return /\s/.test(char);
}

function readString(text: string, start: number): Token {
  const quote = text[start];
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const char = text[i] ?? "";
    if (char === quote) return { kind: "string", value, start, end: i + 1 };
    if (char === "\\") {
      const next = text[i + 1];
      const escaped = next === undefined ? undefined : ESCAPES[next];
      if (escaped === undefined) {
        throw new PolicyExpressionError(text, [
          {
            start: i,
            length: 2,
            message: `unknown escape "\\${next ?? ""}" (use \\\\, \\", \\', \\n or \\t)`,
          },
        ]);
      }
      value += escaped;
      i += 2;
      continue;
    }
    value += char;
    i += 1;
  }
  throw new PolicyExpressionError(text, [
    { start, length: 1, message: `unterminated string: add the closing ${quote}` },
  ]);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    if (isSpace(char)) {
      i += 1;
    } else if (char === "(" || char === ")" || char === ",") {
      tokens.push({ kind: char, start: i, end: i + 1 });
      i += 1;
    } else if (char === '"' || char === "'") {
      const token = readString(text, i);
      tokens.push(token);
      i = token.end;
    } else {
      const start = i;
      while (i < text.length && !SPECIAL.has(text[i] ?? "") && !isSpace(text[i] ?? "")) i += 1;
      tokens.push({ kind: "word", text: text.slice(start, i), start, end: i });
    }
  }
  tokens.push({ kind: "end", start: text.length, end: text.length });
  return tokens;
}
