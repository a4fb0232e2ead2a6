import { describe, expect, it } from "vitest";
import { all } from "../policy/builtins.js";
import { compilePolicyExpression } from "../policy/compile.js";
import { createPolicyRegistry } from "../policy/registry.js";
import { actions, pathGlob, users } from "../policy/rules.js";
import { policyAllowsWrites } from "./policy-writes.js";

const registry = createPolicyRegistry();

function allowsWrites(expression: string) {
  const compiled = compilePolicyExpression(expression, registry);
  return policyAllowsWrites({ key: "data", policy: compiled.policy });
}

describe("policyAllowsWrites", () => {
  it.each([
    ["public-read", false],
    ["deny-all", false],
    ["actions(read-actions)", false],
    ["all(users(alice@example.com), actions(list, read))", false],
    ["allow-all", true],
    ["users-only", true],
    ["not(actions(read-actions))", true],
    ["users(alice@example.com)", true],
    ['any(actions(read-actions), own-folder("users/{email}/"))', true],
    ['any(public-read, all(path("reports/**"), actions(upload)))', true],
    ['all(users(bob@example.com), path("in/*.csv"), actions(upload))', true],
  ])("%s → %s", async (expression, expected) => {
    expect(await allowsWrites(expression)).toBe(expected);
  });

  it("reads what a policy built in code names, with no expression to parse", async () => {
    // A registered policy composed from the rules carries their anatomy like a compiled one.
    const custom = createPolicyRegistry();
    custom.registerPolicy("reports-for-carol", () =>
      all(users("carol@example.com"), pathGlob("reports/2024/*.csv"), actions("upload")),
    );
    const compiled = compilePolicyExpression("reports-for-carol", custom);
    expect(await policyAllowsWrites({ key: "data", policy: compiled.policy })).toBe(true);
  });

  it("cannot see inside a custom policy that writes only for people its expression doesn't name", async () => {
    const custom = createPolicyRegistry();
    custom.registerPolicy(
      "secret-writer",
      () => (action, _resource, user) => action === "list" || user.email === "secret@example.com",
    );
    const compiled = compilePolicyExpression("secret-writer", custom);
    const verdict = await policyAllowsWrites({ key: "data", policy: compiled.policy });
    expect(verdict).toBe(false);
  });
});
