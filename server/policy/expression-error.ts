// Errors in a policy expression, each pointing at the offending text with a caret, so an admin
// reading the startup log of a Databricks App can fix app.yaml without guessing.

export interface PolicyIssue {
  /** 0-based offset into the expression. */
  start: number;
  /** Length of the offending text (at least 1 for the caret). */
  length: number;
  message: string;
}

export interface Location {
  line: number;
  column: number;
}

export function locate(expression: string, offset: number): Location {
  const before = expression.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column };
}

const WINDOW = 70;

/** The line containing the issue and a `^^^` marker under the offending text. */
export function caretSnippet(expression: string, issue: PolicyIssue): string {
  const lineStart = expression.lastIndexOf("\n", issue.start - 1) + 1;
  const newline = expression.indexOf("\n", issue.start);
  const lineEnd = newline === -1 ? expression.length : newline;
  let text = expression.slice(lineStart, lineEnd);
  let caretAt = issue.start - lineStart;
  const caretLength = Math.max(1, Math.min(issue.length, lineEnd - issue.start));
  // Long one-line expressions are windowed around the issue so the caret stays readable.
  if (text.length > WINDOW * 2) {
    const from = Math.max(0, caretAt - WINDOW);
    const to = Math.min(text.length, caretAt + WINDOW);
    const prefix = from > 0 ? "…" : "";
    text = `${prefix}${text.slice(from, to)}${to < text.length ? "…" : ""}`;
    caretAt = caretAt - from + prefix.length;
  }
  return `    ${text}\n    ${" ".repeat(caretAt)}${"^".repeat(caretLength)}`;
}

export function formatIssue(expression: string, issue: PolicyIssue): string {
  const { line, column } = locate(expression, issue.start);
  const where = expression.includes("\n") ? `line ${line}, column ${column}` : `column ${column}`;
  return `${where}: ${issue.message}\n${caretSnippet(expression, issue)}`;
}

export class PolicyExpressionError extends Error {
  override name = "PolicyExpressionError";
  readonly issues: readonly PolicyIssue[];
  readonly expression: string;

  constructor(expression: string, issues: readonly PolicyIssue[]) {
    const details = issues.map((issue) => formatIssue(expression, issue));
    super(
      issues.length === 1
        ? `invalid policy expression at ${details[0]}`
        : `invalid policy expression (${issues.length} problems):\n${details.map((d) => `  at ${d}`).join("\n")}`,
    );
    this.expression = expression;
    this.issues = issues;
  }

  /** 1-based column of the first issue. */
  get column(): number {
    return locate(this.expression, this.issues[0]?.start ?? 0).column;
  }
}
