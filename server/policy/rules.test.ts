import { describe, expect, it } from "vitest";
import { ALL_ACTIONS, READ_ACTIONS, WRITE_ACTIONS } from "../../shared/actions.js";
import { allowedActions } from "./allowed-actions.js";
import { actions, ownFolder, PolicyArgumentError, pathGlob, users } from "./rules.js";
import type { PolicyResource, PolicyUser } from "./types.js";

const alice: PolicyUser = {
  id: "1001",
  email: "alice@x.com",
  userName: "alice@x.com",
  isServicePrincipal: false,
};
const bob: PolicyUser = { id: "1002", email: "bob@x.com", userName: "bob", isServicePrincipal: false };
const sp: PolicyUser = { id: "sp-1", isServicePrincipal: true };
const at = (path: string, isDirectory?: boolean): PolicyResource =>
  isDirectory === undefined ? { volume: "inbox", path } : { volume: "inbox", path, isDirectory };

describe("users()", () => {
  it("matches email, user name or id, ignoring case", () => {
    const policy = users("ALICE@x.com", "bob", "sp-1");
    expect(policy("read", at("a"), alice)).toBe(true);
    expect(policy("read", at("a"), bob)).toBe(true);
    expect(policy("read", at("a"), sp)).toBe(true);
    expect(users("alice@x.com")("read", at("a"), bob)).toBe(false);
    expect(users("1002")("read", at("a"), bob)).toBe(true);
  });

  it("rejects no users or an empty one", () => {
    expect(() => users()).toThrow(PolicyArgumentError);
    expect(() => users("a@x.com", " ")).toThrow(expect.objectContaining({ argumentIndex: 1 }));
  });
});

describe("actions()", () => {
  it("allows only the listed actions", () => {
    const policy = actions("list", "READ");
    expect(ALL_ACTIONS.filter((a) => policy(a, at(""), alice))).toEqual(["list", "read"]);
  });

  it("expands groups", () => {
    const reads = actions("read-actions");
    expect(ALL_ACTIONS.filter((a) => reads(a, at(""), alice))).toEqual([...READ_ACTIONS]);
    const writes = actions("write-actions");
    expect(ALL_ACTIONS.filter((a) => writes(a, at(""), alice))).toEqual([...WRITE_ACTIONS]);
    const everything = actions("all-actions");
    expect(ALL_ACTIONS.filter((a) => everything(a, at(""), alice))).toEqual(ALL_ACTIONS);
  });

  it("rejects an unknown action with a suggestion and its index", () => {
    expect(() => actions("list", "uplaod")).toThrow(/unknown action "uplaod"\. Did you mean "upload"\?/);
    expect(() => actions("list", "uplaod")).toThrow(expect.objectContaining({ argumentIndex: 1 }));
    expect(() => actions("write")).toThrow(/Did you mean "write-actions"\?/);
  });
});

describe("path()", () => {
  it("matches any of its globs", () => {
    const policy = pathGlob("reports/**", "shared/*.csv");
    expect(policy("read", at("reports/2024/q1.csv"), alice)).toBe(true);
    expect(policy("read", at("shared/a.csv"), alice)).toBe(true);
    expect(policy("read", at("shared/deep/a.csv"), alice)).toBe(false);
    expect(policy("read", at(""), alice)).toBe(false);
  });

  it("reports which glob is invalid", () => {
    expect(() => pathGlob("ok/**", "/abs")).toThrow(expect.objectContaining({ argumentIndex: 1 }));
  });
});

describe("own-folder()", () => {
  const home = ownFolder("users/{email}/");

  it("allows every action on the caller's folder and below", () => {
    for (const action of ALL_ACTIONS) {
      expect(home(action, at("users/alice@x.com", true), alice)).toBe(true);
      expect(home(action, at("users/alice@x.com/deep/file.txt"), alice)).toBe(true);
    }
  });

  it("denies other users' folders, the parent, and sibling-prefix escapes", () => {
    expect(home("upload", at("users/bob@x.com/a.txt"), alice)).toBe(false);
    expect(home("list", at("users", true), alice)).toBe(false);
    expect(home("list", at(""), alice)).toBe(false);
    expect(home("upload", at("users/alice@x.com.evil/a.txt"), alice)).toBe(false);
    expect(home("mkdir", at("users/alice@x.com.evil", true), alice)).toBe(false);
    expect(home("upload", at("users/alice@x.comx"), alice)).toBe(false);
    expect(home("upload", at("other/users/alice@x.com/a"), alice)).toBe(false);
  });

  it("does not treat a file named like the folder as the folder", () => {
    expect(home("upload", at("users/alice@x.com", false), alice)).toBe(false);
  });

  it("never matches service-principal traffic or a user without the placeholder's value", () => {
    expect(ownFolder("users/{id}")("read", at("users/sp-1/a"), sp)).toBe(false);
    const noEmail: PolicyUser = { id: "1003", isServicePrincipal: false };
    expect(home("read", at("users//a"), noEmail)).toBe(false);
    expect(home("read", at("users/undefined/a"), noEmail)).toBe(false);
  });

  it("refuses placeholder values that could escape their segment", () => {
    const dotty: PolicyUser = { id: "..", email: "../x", isServicePrincipal: false };
    expect(ownFolder("users/{id}")("read", at("users/../a"), dotty)).toBe(false);
    expect(home("read", at("users/../x/a"), dotty)).toBe(false);
  });

  it("supports {userName} and {id} and placeholders inside a segment", () => {
    expect(ownFolder("home/{userName}")("upload", at("home/bob/a"), bob)).toBe(true);
    expect(ownFolder("home/{username}")("upload", at("home/bob/a"), bob)).toBe(true);
    expect(ownFolder("u-{id}")("upload", at("u-1002/a"), bob)).toBe(true);
    expect(ownFolder("u-{id}")("upload", at("u-1001/a"), bob)).toBe(false);
  });

  it.each([
    ["users/alice", "no {email}"],
    ["/users/{email}", 'starts with "/"'],
    ["users/*/{email}", "wildcards"],
    ["users/../{email}", '".."'],
    ["users/{mail}", 'unknown placeholder {mail}. Did you mean "{email}"?'],
    ["users/{email", "unbalanced"],
    ["", "is empty"],
  ])("rejects the template %j", (template, message) => {
    expect(() => ownFolder(template)).toThrow(PolicyArgumentError);
    expect(() => ownFolder(template)).toThrow(message);
  });
});

describe("allowedActions()", () => {
  it("lists what the policy allows at a path", async () => {
    await expect(allowedActions(actions("list", "read"), "inbox", alice)).resolves.toEqual(["list", "read"]);
    const home = ownFolder("users/{email}");
    await expect(allowedActions(home, "inbox", alice, "users/alice@x.com")).resolves.toEqual(ALL_ACTIONS);
    await expect(allowedActions(home, "inbox", alice, "")).resolves.toEqual([]);
  });

  it("passes the volume key and path to the policy and awaits async policies", async () => {
    const seen: string[] = [];
    const policy = async (action: string, resource: PolicyResource): Promise<boolean> => {
      seen.push(`${resource.volume}:${resource.path}`);
      return action === "upload";
    };
    await expect(allowedActions(policy, "inbox", alice, "a/b")).resolves.toEqual(["upload"]);
    expect(new Set(seen)).toEqual(new Set(["inbox:a/b"]));
  });
});
