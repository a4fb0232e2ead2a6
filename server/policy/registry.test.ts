import { describe, expect, it } from "vitest";
import { compilePolicyExpression } from "./compile.js";
import { PolicyExpressionError } from "./expression-error.js";
import { createPolicyRegistry, defaultPolicyRegistry, PolicyRegistryError } from "./registry.js";
import type { FilePolicy, PolicyUser } from "./types.js";

const alice: PolicyUser = { id: "1001", email: "alice@x.com", isServicePrincipal: false };
const carol: PolicyUser = { id: "1003", email: "carol@x.com", isServicePrincipal: false };
const resource = { volume: "v", path: "a.csv" };

describe("policy registry", () => {
  it("makes a TypeScript policy usable by name, with or without arguments", () => {
    const registry = createPolicyRegistry();
    const dataTeam: FilePolicy = (_action, _resource, user) => user.email === "alice@x.com";
    registry.registerPolicy("data-team", () => dataTeam);
    const { policy, expression } = compilePolicyExpression("any(public-read, Data-Team())", registry);
    expect(expression).toBe("any(public-read, data-team)");
    expect(policy("upload", resource, alice)).toBe(true);
    expect(policy("upload", resource, carol)).toBe(false);
  });

  it("passes string arguments to the factory and reports its rejection at the call", () => {
    const registry = createPolicyRegistry();
    registry.registerPolicy(
      "domain",
      (...domains) => {
        if (domains.some((d) => !d.includes("."))) throw new Error("a domain needs a dot");
        return (_a, _r, user) => domains.some((d) => user.email?.endsWith(`@${d}`) === true);
      },
      { minArgs: 1, usage: "domain(example.com, …)" },
    );
    expect(compilePolicyExpression("domain(x.com)", registry).policy("read", resource, alice)).toBe(true);
    expect(() => compilePolicyExpression("domain()", registry)).toThrow(
      "domain needs at least 1 argument, got 0 (usage: domain(example.com, …))",
    );
    expect(() => compilePolicyExpression("any(deny-all, domain(localhost))", registry)).toThrow(
      /column 15: domain\(…\) rejected its arguments: a domain needs a dot/,
    );
  });

  it("rejects a factory that returns something other than a policy", () => {
    const registry = createPolicyRegistry();
    registry.registerPolicy("broken", () => true as unknown as FilePolicy);
    expect(() => compilePolicyExpression("broken", registry)).toThrow("did not return a policy function");
  });

  it("keeps registries independent", () => {
    const one = createPolicyRegistry();
    const two = createPolicyRegistry();
    one.registerPolicy("team-a", () => () => true);
    expect(one.get("team-a")).toBeDefined();
    expect(two.get("team-a")).toBeUndefined();
    expect(defaultPolicyRegistry.get("team-a")).toBeUndefined();
    expect(() => compilePolicyExpression("team-a", two)).toThrow(PolicyExpressionError);
  });

  it("suggests registered names for typos", () => {
    const registry = createPolicyRegistry();
    registry.registerPolicy("data-team", () => () => true);
    expect(() => compilePolicyExpression("data-teams", registry)).toThrow('Did you mean "data-team"?');
  });

  it("rejects duplicates, clashes with built-ins and malformed names", () => {
    const registry = createPolicyRegistry();
    registry.registerPolicy("data-team", () => () => true);
    expect(() => registry.registerPolicy("data-team", () => () => true)).toThrow("already registered");
    expect(() => registry.registerPolicy("public-read", () => () => true)).toThrow("clashes with a built-in");
    expect(() => registry.registerPolicy("own-folder", () => () => true)).toThrow(PolicyRegistryError);
    for (const bad of ["DataTeam", "data_team", "-x", "data--team", "", "9lives"]) {
      expect(() => registry.registerPolicy(bad, () => () => true)).toThrow("lower-case words");
    }
  });

  it("lists built-ins and custom names", () => {
    const registry = createPolicyRegistry();
    registry.registerPolicy("data-team", () => () => true);
    expect(registry.names()).toEqual(
      expect.arrayContaining(["public-read", "allow-all", "deny-all", "users-only", "all", "any", "not"]),
    );
    expect(registry.names()).toEqual(
      expect.arrayContaining(["users", "actions", "path", "own-folder", "data-team"]),
    );
  });
});
