// describePolicy: the root's actions and the folders where a policy allows more, per caller,
// from compiled expressions exactly as an admin writes them.
import { describe, expect, it } from "vitest";
import { READ_ACTIONS, WRITE_ACTIONS } from "../../shared/actions.js";
import { all, any, not } from "./builtins.js";
import { compilePolicyExpression } from "./compile.js";
import { describePolicy } from "./describe.js";
import { createPolicyRegistry } from "./registry.js";
import { ownFolder } from "./rules.js";
import type { FilePolicy, PolicyUser } from "./types.js";

const person = (name: string, id: string): PolicyUser => ({
  id,
  email: `${name}@example.com`,
  userName: `${name}@example.com`,
  isServicePrincipal: false,
});
const alice = person("alice", "1001");
const bob = person("bob", "1002");
const carol = person("carol", "1003");
// Someone who exists only in principals.json: no grants, no seeded folder, nothing special.
const newcomer = person("nia.newcomer", "1099");
const sp: PolicyUser = { id: "sp-1", isServicePrincipal: true };

const compiled = (text: string): FilePolicy => compilePolicyExpression(text, createPolicyRegistry()).policy;
const INBOX = 'any(actions(read-actions), own-folder("users/{email}/"))';
const ALL = [...READ_ACTIONS, ...WRITE_ACTIONS];

describe("describePolicy", () => {
  it("points every person at their own inbox folder, with every action there", async () => {
    for (const user of [alice, bob, carol, newcomer]) {
      const described = await describePolicy(compiled(INBOX), "inbox", user);
      expect(described.root).toEqual([...READ_ACTIONS]);
      expect(described.places).toEqual([{ path: `users/${user.email}`, kind: "own-folder", actions: ALL }]);
    }
  });

  it("gives service-principal traffic no own folder", async () => {
    const described = await describePolicy(compiled(INBOX), "inbox", sp);
    expect(described).toEqual({ root: [...READ_ACTIONS], places: [] });
  });

  it("resolves {userName} and {id} too, and a template deeper than one level", async () => {
    const byId = await describePolicy(compiled('any(public-read, own-folder("home/{id}/drop"))'), "v", bob);
    expect(byId.places.map((p) => p.path)).toEqual(["home/1002/drop"]);
    const byName = await describePolicy(compiled('own-folder("u/{userName}")'), "v", newcomer);
    expect(byName).toEqual({
      root: [],
      places: [{ path: "u/nia.newcomer@example.com", kind: "own-folder", actions: ALL }],
    });
  });

  it("names folders of path rules where they allow more than the root, and only for whom they do", async () => {
    const policy = compiled(
      'any(public-read, all(users(alice@example.com), path("reports/**", "*.csv", "drop/*/in/**")))',
    );
    const forAlice = await describePolicy(policy, "v", alice);
    // "*.csv" names no folder; "drop/*/in/**" allows nothing at `drop` itself, so it is no place.
    expect(forAlice.places).toEqual([{ path: "reports", kind: "path", actions: ALL }]);
    for (const user of [bob, carol, newcomer]) {
      expect(await describePolicy(policy, "v", user)).toEqual({ root: [...READ_ACTIONS], places: [] });
    }
  });

  it("leaves out folders that allow nothing more than the root", async () => {
    const everywhere = await describePolicy(
      compiled('any(allow-all, own-folder("users/{email}"))'),
      "v",
      alice,
    );
    expect(everywhere).toEqual({ root: ALL, places: [] });
    const readOnlyReports = await describePolicy(
      compiled('any(public-read, all(path("reports/**"), actions(list)))'),
      "v",
      alice,
    );
    expect(readOnlyReports.places).toEqual([]);
  });

  it("tells the actions a combination really allows in the place", async () => {
    const uploadsOnly = compiled(
      'any(public-read, all(own-folder("users/{email}"), actions(upload, mkdir)))',
    );
    const described = await describePolicy(uploadsOnly, "inbox", newcomer);
    expect(described.places).toEqual([
      {
        path: "users/nia.newcomer@example.com",
        kind: "own-folder",
        actions: [...READ_ACTIONS, "upload", "mkdir"],
      },
    ]);
  });

  it("lists the own folder first and once, even when a path rule names it too", async () => {
    const policy = compiled(
      'any(path("shared/**"), own-folder("users/{email}"), path("users/alice@example.com/**"))',
    );
    const described = await describePolicy(policy, "v", alice);
    expect(described.places.map((p) => [p.kind, p.path])).toEqual([
      ["own-folder", "users/alice@example.com"],
      ["path", "shared"],
    ]);
  });

  it("works for policies built in code with the combinators", async () => {
    const policy = all(any(ownFolder("users/{email}")), not(compiled("deny-all")));
    const described = await describePolicy(policy, "v", carol);
    expect(described.places.map((p) => p.path)).toEqual(["users/carol@example.com"]);
  });

  it("has no places for custom policies that carry no hints", async () => {
    const registry = createPolicyRegistry();
    registry.registerPolicy("team-drop", () => (_action, resource) => resource.path.startsWith("team/"));
    const described = await describePolicy(compilePolicyExpression("team-drop", registry).policy, "v", alice);
    expect(described).toEqual({ root: [], places: [] });
  });
});
