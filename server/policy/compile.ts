// Turns a parsed expression into a FilePolicy, checking every name, argument count and argument
// against the registry. Semantic problems are collected, not thrown one by one, so an admin
// sees every mistake in an expression in a single startup attempt.
import { didYouMean } from "../config/did-you-mean.js";
import { PolicyExpressionError, type PolicyIssue } from "./expression-error.js";
import { type ExpressionNode, parseExpression } from "./parse.js";
import type { PolicyDefinition, PolicyRegistry } from "./registry.js";
import { PolicyArgumentError } from "./rules.js";
import type { FilePolicy } from "./types.js";

export interface CompiledPolicy {
  policy: FilePolicy;
  /** Canonical text: lower-case names, `name` for no arguments, quotes only where needed. */
  expression: string;
}

const NAME = /^[a-z][a-z0-9_-]*$/i;
const BARE_VALUE = /^[\w.@+-]+$/;

function quote(value: string): string {
  if (BARE_VALUE.test(value)) return value;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function arityMessage(definition: PolicyDefinition, count: number): string | undefined {
  const { minArgs, maxArgs, name, usage } = definition;
  if (count >= minArgs && count <= maxArgs) return undefined;
  const expected =
    maxArgs === 0
      ? "takes no arguments"
      : minArgs === maxArgs
        ? `takes exactly ${plural(minArgs, "argument")}`
        : count < minArgs
          ? `needs at least ${plural(minArgs, "argument")}`
          : `takes at most ${plural(maxArgs, "argument")}`;
  return `${name} ${expected}, got ${count} (usage: ${usage})`;
}

export function compilePolicyExpression(text: string, registry: PolicyRegistry): CompiledPolicy {
  const root = parseExpression(text);
  const issues: PolicyIssue[] = [];
  const report = (node: { start: number; end: number }, message: string): void => {
    issues.push({ start: node.start, length: Math.max(1, node.end - node.start), message });
  };

  const value = (node: ExpressionNode, owner: string): string | undefined => {
    if (node.kind === "string") return node.value;
    if (node.kind === "word") return node.text;
    report(node, `${owner}(…) takes values, not a call to ${node.name}(…); quote it if you meant text`);
    return undefined;
  };

  const compile = (node: ExpressionNode): CompiledPolicy | undefined => {
    if (node.kind === "string") {
      report(node, `expected a policy, found the string "${node.value}"`);
      return undefined;
    }
    const name = node.kind === "call" ? node.name : node.text;
    const nameNode = { start: node.start, end: node.kind === "call" ? node.nameEnd : node.end };
    const args = node.kind === "call" ? node.args : [];
    if (!NAME.test(name)) {
      report(nameNode, `expected a policy name, found "${name}".${didYouMean(name, registry.names())}`);
      return undefined;
    }
    const definition = registry.get(name);
    if (!definition) {
      const hint = didYouMean(name, registry.names()) || ` Known: ${registry.names().join(", ")}.`;
      report(nameNode, `unknown policy "${name}".${hint}`);
      return undefined;
    }
    const arity = arityMessage(definition, args.length);
    if (arity) {
      report(node, arity);
      // Still check the nested policies, so their mistakes are reported in the same attempt.
      if (definition.takes === "policies") args.forEach(compile);
      return undefined;
    }
    if (definition.takes === "policies") {
      const children = args.map(compile);
      const ok = children.filter((c): c is CompiledPolicy => c !== undefined);
      if (ok.length !== children.length) return undefined;
      return {
        policy: definition.create(ok.map((c) => c.policy)),
        expression: `${definition.name}(${ok.map((c) => c.expression).join(", ")})`,
      };
    }
    const values = args.map((arg) => value(arg, definition.name));
    const ok = values.filter((v): v is string => v !== undefined);
    if (ok.length !== values.length) return undefined;
    try {
      const policy: unknown = definition.create(ok);
      // Registered factories may be plain JavaScript; a non-function would only fail per request.
      if (typeof policy !== "function") throw new Error("the factory did not return a policy function");
      const expression =
        ok.length === 0 ? definition.name : `${definition.name}(${ok.map(quote).join(", ")})`;
      return { policy: policy as FilePolicy, expression };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof PolicyArgumentError) {
        const target = error.argumentIndex === undefined ? node : (args[error.argumentIndex] ?? node);
        report(target, `${definition.name}: ${message}`);
      } else {
        report(node, `${definition.name}(…) rejected its arguments: ${message}`);
      }
      return undefined;
    }
  };

  const compiled = compile(root);
  if (!compiled || issues.length > 0) throw new PolicyExpressionError(text, issues);
  return compiled;
}
