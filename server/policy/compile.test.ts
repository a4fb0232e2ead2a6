import { describe, expect, it } from "vitest";
import { ALL_ACTIONS, READ_ACTIONS } from "../../shared/actions.js";
import { compilePolicyExpression } from "./compile.js";
import { PolicyExpressionError } from "./expression-error.js";
import { createPolicyRegistry } from "./registry.js";
import type { PolicyUser } from "./types.js";

const registry = createPolicyRegistry();
const alice: PolicyUser = {
  id: "1001",
  email: "alice@x.com",
  userName: "alice@x.com",
  isServicePrincipal: false,
};
const bob: PolicyUser = { id: "1002", email: "bob@x.com", userName: "bob@x.com", isServicePrincipal: false };
const sp: PolicyUser = { id: "sp-1", isServicePrincipal: true };

function compile(text: string) {
  return compilePolicyExpression(text, registry);
}

function allowed(text: string, user: PolicyUser, path = "", isDirectory?: boolean): string[] {
  const { policy } = compile(text);
  const resource = isDirectory === undefined ? { volume: "v", path } : { volume: "v", path, isDirectory };
  return ALL_ACTIONS.filter((action) => policy(action, resource, user) === true);
}

function errorOf(text: string): PolicyExpressionError {
  try {
    compile(text);
  } catch (error) {
    if (error instanceof PolicyExpressionError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe("policy expressions: semantics", () => {
  it("compiles each built-in, with or without parentheses", () => {
    expect(allowed("public-read", alice)).toEqual([...READ_ACTIONS]);
    expect(allowed("public-read()", alice)).toEqual([...READ_ACTIONS]);
    expect(allowed("allow-all", alice)).toEqual(ALL_ACTIONS);
    expect(allowed("deny-all", alice)).toEqual([]);
    expect(allowed("users-only", sp)).toEqual([]);
    expect(allowed("users-only", alice)).toEqual(ALL_ACTIONS);
    expect(allowed("not(public-read)", alice)).toEqual(["upload", "mkdir", "delete", "move"]);
  });

  it("runs the demo inbox policy: read everything, write only in your own folder", () => {
    const inbox = 'any(actions(read-actions), own-folder("users/{email}/"))';
    expect(allowed(inbox, alice, "users/alice@x.com/report.csv")).toEqual(ALL_ACTIONS);
    expect(allowed(inbox, alice, "users/bob@x.com/report.csv")).toEqual([...READ_ACTIONS]);
    expect(allowed(inbox, alice, "users/alice@x.com.evil/x")).toEqual([...READ_ACTIONS]);
    expect(allowed(inbox, sp, "users/alice@x.com/x")).toEqual([...READ_ACTIONS]);
  });

  it("combines users, actions and path", () => {
    const text = "any(public-read, all(users(alice@x.com), actions(upload, mkdir), path(reports/**)))";
    expect(allowed(text, alice, "reports/q1.csv")).toEqual([...READ_ACTIONS, "upload", "mkdir"]);
    expect(allowed(text, alice, "other/q1.csv")).toEqual([...READ_ACTIONS]);
    expect(allowed(text, bob, "reports/q1.csv")).toEqual([...READ_ACTIONS]);
  });
});

describe("policy expressions: syntax", () => {
  it("accepts quotes of both kinds, escapes, whitespace and newlines", () => {
    const { expression } = compile(
      ` any (\n  users( 'alice@x.com' , "bob@x.com" ),\n  path("a \\"b\\"/**"),\n)`,
    );
    expect(expression).toBe('any(users(alice@x.com, bob@x.com), path("a \\"b\\"/**"))');
    expect(compile('path("it\'s/**")').expression).toBe('path("it\'s/**")');
  });

  it("normalises names to lower case and drops empty parentheses", () => {
    expect(compile("ANY(Public-Read(), Deny-All)").expression).toBe("any(public-read, deny-all)");
    expect(compile("own-folder('users/{email}/')").expression).toBe('own-folder("users/{email}/")');
  });

  it("round-trips: the normalised text compiles to the same text", () => {
    for (const text of [
      'any(actions(read-actions), own-folder("users/{email}/"))',
      'all(users-only, not(path("secret/**", "*.key")))',
    ]) {
      const once = compile(text).expression;
      expect(compile(once).expression).toBe(once);
    }
  });
});

describe("policy expressions: errors", () => {
  it("points at an unknown policy with a caret and a suggestion", () => {
    const error = errorOf("any(pubic-read, users-only)");
    expect(error.column).toBe(5);
    expect(error.message).toContain('unknown policy "pubic-read". Did you mean "public-read"?');
    expect(error.message).toContain("    any(pubic-read, users-only)\n        ^^^^^^^^^^");
  });

  it("suggests the hyphenated name for AppKit-style camelCase", () => {
    expect(errorOf("publicRead()").message).toContain('Did you mean "public-read"?');
    expect(errorOf("ownFolder('users/{email}')").message).toContain('Did you mean "own-folder"?');
  });

  it("reports every semantic problem at once", () => {
    const error = errorOf("any(actions(lst), usrs(a@x.com), path(/abs))");
    expect(error.issues.map((i) => i.start)).toEqual([12, 18, 38]);
    expect(error.message).toContain("3 problems");
    expect(error.message).toContain('Did you mean "list"?');
    expect(error.message).toContain('Did you mean "users"?');
    expect(error.message).toContain('write "abs"');
  });

  it.each([
    ["", 1, "the expression is empty"],
    ["any(public-read", 4, '"any(" is never closed'],
    ["any(", 4, '"any(" is never closed'],
    ["any(public-read deny-all)", 17, 'expected "," or ")"'],
    ["public-read users-only", 13, "after the end of the expression"],
    ["any(,)", 5, 'found ","'],
    ["path('abc", 6, "unterminated string"],
    ['path("a\\q")', 8, 'unknown escape "\\q"'],
    [")", 1, 'found ")"'],
  ])("syntax error in %j at column %d", (text, column, message) => {
    const error = errorOf(text);
    expect(error.column).toBe(column);
    expect(error.message).toContain(message);
  });

  it.each([
    ["not(public-read, deny-all)", "not takes exactly 1 argument, got 2"],
    ["not", "not takes exactly 1 argument, got 0"],
    ["public-read(x)", "public-read takes no arguments, got 1"],
    ["users()", "users needs at least 1 argument, got 0"],
    ["own-folder(a/{id}, b/{id})", "own-folder takes exactly 1 argument"],
    ['"public-read"', 'expected a policy, found the string "public-read"'],
    ["any('public-read')", 'expected a policy, found the string "public-read"'],
    ["users(public-read())", "users(…) takes values, not a call to public-read(…)"],
    ["alice@x.com", 'expected a policy name, found "alice@x.com"'],
    ["actions(read, write)", 'unknown action "write". Did you mean "write-actions"?'],
    ["actions(read, writes)", 'unknown action "writes". Known: list, read'],
    ["own-folder(users/alice)", "no {email}, {userName} or {id} placeholder"],
  ])("semantic error in %j", (text, message) => {
    expect(errorOf(text).message).toContain(message);
  });

  it("checks nested policies even when the outer call has the wrong number of arguments", () => {
    const error = errorOf("not(pubic-read, deny-all)");
    expect(error.issues.map((i) => i.message)).toEqual([
      expect.stringContaining("not takes exactly 1 argument, got 2"),
      expect.stringContaining('Did you mean "public-read"?'),
    ]);
  });

  it("points at the offending argument of a rule", () => {
    const error = errorOf("path(ok/**, 'a//b')");
    expect(error.column).toBe(13);
    expect(error.message).toContain("empty segment");
  });

  it("reports line and column for multi-line expressions", () => {
    const error = errorOf("any(\n  public-read,\n  usrs-only\n)");
    expect(error.message).toContain("line 3, column 3");
    expect(error.message).toContain("      usrs-only\n      ^^^^^^^^^");
  });

  it("bounds nesting depth", () => {
    const deep = `${"not(".repeat(40)}deny-all${")".repeat(40)}`;
    expect(errorOf(deep).message).toContain("nesting deeper than 32 levels");
  });
});
