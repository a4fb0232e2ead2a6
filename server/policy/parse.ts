// Recursive-descent parser for policy expressions:
//   expression := term <end>
//   term       := WORD [ "(" [ term { "," term } [ "," ] ] ")" ] | STRING
// Whether a bare WORD is a policy (`public-read`) or a value (`alice@x.com`) depends on the
// function it is passed to, so that is decided later, in compile.ts.
import { PolicyExpressionError } from "./expression-error.js";
import { type Token, tokenize } from "./tokenize.js";

export type ExpressionNode =
  | { kind: "call"; name: string; start: number; nameEnd: number; end: number; args: ExpressionNode[] }
  | { kind: "word"; text: string; start: number; end: number }
  | { kind: "string"; value: string; start: number; end: number };

// Deep enough for any policy a person writes; shallow enough that recursion can't blow the stack.
const MAX_DEPTH = 32;

function describeToken(token: Token): string {
  if (token.kind === "end") return "the end of the expression";
  if (token.kind === "word") return `"${token.text}"`;
  if (token.kind === "string") return "a quoted string";
  return `"${token.kind}"`;
}

export function parseExpression(text: string): ExpressionNode {
  const tokens = tokenize(text);
  let index = 0;
  const peek = (): Token => tokens[index] ?? { kind: "end", start: text.length, end: text.length };
  const fail = (token: Token, message: string): never => {
    throw new PolicyExpressionError(text, [{ start: token.start, length: token.end - token.start, message }]);
  };

  const parseTerm = (depth: number): ExpressionNode => {
    const token = peek();
    if (depth > MAX_DEPTH) return fail(token, `nesting deeper than ${MAX_DEPTH} levels`);
    if (token.kind === "string") {
      index += 1;
      return { kind: "string", value: token.value, start: token.start, end: token.end };
    }
    if (token.kind !== "word") {
      return fail(token, `expected a policy or a value, found ${describeToken(token)}`);
    }
    index += 1;
    const open = peek();
    if (open.kind !== "(") return { kind: "word", text: token.text, start: token.start, end: token.end };
    index += 1;
    const args: ExpressionNode[] = [];
    const unclosed = `"${token.text}(" is never closed: add ")"`;
    for (let next = peek(); next.kind !== ")"; next = peek()) {
      if (next.kind === "end") fail(open, unclosed);
      args.push(parseTerm(depth + 1));
      const separator = peek();
      if (separator.kind === ",") {
        index += 1;
      } else if (separator.kind === "end") {
        fail(open, unclosed);
      } else if (separator.kind !== ")") {
        fail(
          separator,
          `expected "," or ")" after an argument of ${token.text}(…), found ${describeToken(separator)}`,
        );
      }
    }
    const close = peek();
    index += 1;
    return { kind: "call", name: token.text, start: token.start, nameEnd: token.end, end: close.end, args };
  };

  if (text.trim() === "") {
    throw new PolicyExpressionError(text, [{ start: 0, length: 1, message: "the expression is empty" }]);
  }
  const root = parseTerm(0);
  const rest = peek();
  if (rest.kind !== "end") {
    fail(
      rest,
      `unexpected ${describeToken(rest)} after the end of the expression (combine policies with all(…) or any(…))`,
    );
  }
  return root;
}
