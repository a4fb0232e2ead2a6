// The names an expression can call. Passed explicitly (parseConfig takes a registry) so tests and
// apps never share hidden state; `defaultPolicyRegistry` exists for the simple case of an admin's
// `server/custom-policies.ts` registering a policy before the config is parsed.
import { all, allowAll, any, denyAll, not, publicRead, usersOnly } from "./builtins.js";
import { actions, ownFolder, pathGlob, users } from "./rules.js";
import type { FilePolicy } from "./types.js";

interface DefinitionBase {
  name: string;
  description: string;
  /** How to call it, for error messages: `users(alice@x.com, …)`. */
  usage: string;
  minArgs: number;
  maxArgs: number;
  builtin: boolean;
}

/** Takes other policies: `all(a, b)`. */
export interface CombinatorDefinition extends DefinitionBase {
  takes: "policies";
  create(policies: FilePolicy[]): FilePolicy;
}

/** Takes values (bare words or quoted strings): `users(alice@x.com)`, `path("reports/**")`. */
export interface RuleDefinition extends DefinitionBase {
  takes: "values";
  create(args: string[]): FilePolicy;
}

export type PolicyDefinition = CombinatorDefinition | RuleDefinition;

export type PolicyFactory = (...args: string[]) => FilePolicy;

export interface RegisterPolicyOptions {
  description?: string;
  usage?: string;
  minArgs?: number;
  maxArgs?: number;
}

export class PolicyRegistryError extends Error {
  override name = "PolicyRegistryError";
}

export interface PolicyRegistry {
  /**
   * Makes `name` usable in expressions, as `name` or `name("arg", …)`. The factory runs once per
   * expression at startup with the string arguments; it may throw to reject them.
   */
  registerPolicy(name: string, factory: PolicyFactory, options?: RegisterPolicyOptions): void;
  /** Looks a name up, ignoring case. */
  get(name: string): PolicyDefinition | undefined;
  names(): string[];
}

export const POLICY_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const none = { minArgs: 0, maxArgs: 0, takes: "values" as const, builtin: true };
const BUILTINS: readonly PolicyDefinition[] = [
  {
    ...none,
    name: "public-read",
    usage: "public-read",
    description: "all read actions, no writes (the default)",
    create: () => publicRead(),
  },
  { ...none, name: "allow-all", usage: "allow-all", description: "every action", create: () => allowAll() },
  { ...none, name: "deny-all", usage: "deny-all", description: "nothing", create: () => denyAll() },
  {
    ...none,
    name: "users-only",
    usage: "users-only",
    description: "any action, but only for end users (never service-principal traffic)",
    create: () => usersOnly(),
  },
  {
    name: "all",
    usage: "all(policy, …)",
    description: "allows when every policy allows",
    takes: "policies",
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    builtin: true,
    create: (p) => all(...p),
  },
  {
    name: "any",
    usage: "any(policy, …)",
    description: "allows when at least one policy allows",
    takes: "policies",
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    builtin: true,
    create: (p) => any(...p),
  },
  {
    name: "not",
    usage: "not(policy)",
    description: "allows what the policy denies",
    takes: "policies",
    minArgs: 1,
    maxArgs: 1,
    builtin: true,
    create: ([p]) => not(p ?? denyAll()),
  },
  {
    name: "users",
    usage: "users(alice@example.com, …)",
    description: "the caller's email, user name or id is listed (case-insensitive)",
    takes: "values",
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    builtin: true,
    create: (a) => users(...a),
  },
  {
    name: "actions",
    usage: "actions(list, read, …)",
    description: "the action is listed; groups: read-actions, write-actions, all-actions",
    takes: "values",
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    builtin: true,
    create: (a) => actions(...a),
  },
  {
    name: "path",
    usage: 'path("reports/**", …)',
    description: "the relative path matches a glob (* and ? within a segment, ** across segments)",
    takes: "values",
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    builtin: true,
    create: (a) => pathGlob(...a),
  },
  {
    name: "own-folder",
    usage: 'own-folder("users/{email}/")',
    description:
      "anything inside the caller's own folder ({email}, {userName} or {id}); never service-principal traffic",
    takes: "values",
    minArgs: 1,
    maxArgs: 1,
    builtin: true,
    create: ([t]) => ownFolder(t ?? ""),
  },
];

export function createPolicyRegistry(): PolicyRegistry {
  const definitions = new Map<string, PolicyDefinition>(BUILTINS.map((d) => [d.name, d]));
  return {
    registerPolicy(name, factory, options = {}) {
      if (!POLICY_NAME_PATTERN.test(name)) {
        throw new PolicyRegistryError(
          `policy name "${name}" must be lower-case words joined by hyphens, e.g. "data-team"`,
        );
      }
      const existing = definitions.get(name);
      if (existing) {
        throw new PolicyRegistryError(
          existing.builtin
            ? `policy name "${name}" clashes with a built-in policy; pick another name`
            : `a policy named "${name}" is already registered`,
        );
      }
      const minArgs = options.minArgs ?? 0;
      const maxArgs = options.maxArgs ?? Number.POSITIVE_INFINITY;
      if (!Number.isInteger(minArgs) || minArgs < 0 || maxArgs < minArgs) {
        throw new PolicyRegistryError(`policy "${name}": invalid argument counts ${minArgs}..${maxArgs}`);
      }
      definitions.set(name, {
        name,
        description: options.description ?? "a custom policy",
        usage: options.usage ?? (maxArgs === 0 ? name : `${name}(…)`),
        takes: "values",
        minArgs,
        maxArgs,
        builtin: false,
        create: (args) => factory(...args),
      });
    },
    get: (name) => definitions.get(name.toLowerCase()),
    names: () => [...definitions.keys()],
  };
}

/** A shared registry for apps that register custom policies at import time. */
export const defaultPolicyRegistry: PolicyRegistry = createPolicyRegistry();
