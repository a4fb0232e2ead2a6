// What a policy names, collected as its rules are built: the users `users(...)` names, the globs
// `path(...)` names, the `own-folder` templates, and from them the folders where the policy may
// allow a given caller more than at the volume root (`own-folder` resolves to the caller's
// folder, `path("reports/**")` points at `reports`). Rules attach their part to the policy
// function itself and combinators merge their children's, so any compiled policy (from an
// expression or built in code) can describe itself without its expression being parsed again:
// the UI's permission hints (describe.ts) and the diagnostics (policy-writes.ts) both read it.
// It only says where to look: every verdict still comes from the policy itself.
import type { FilePolicy, PolicyUser } from "./types.js";

export type PlaceKind = "own-folder" | "path";

export interface PlaceHint {
  /** Volume-relative folder, no leading or trailing slash; never `""`. */
  path: string;
  kind: PlaceKind;
}

export interface PolicyAnatomy {
  /** Identities named by `users(...)`, as written. */
  users: readonly string[];
  /** Globs named by `path(...)`, as written. */
  paths: readonly string[];
  /** Folders where the policy may allow `user` more than at the root. */
  places(user: PolicyUser): PlaceHint[];
}

const EMPTY: PolicyAnatomy = { users: [], paths: [], places: () => [] };
const ANATOMY = Symbol("policy anatomy");
type Described = FilePolicy & { [ANATOMY]?: PolicyAnatomy };

/** Returns `policy` carrying `part` of its anatomy; the policy's verdicts are unchanged. */
export function withAnatomy(policy: FilePolicy, part: Partial<PolicyAnatomy>): FilePolicy {
  (policy as Described)[ANATOMY] = { ...EMPTY, ...part };
  return policy;
}

/** What `policy` names (nothing for policies that carry no anatomy, e.g. custom ones). */
export function policyAnatomy(policy: FilePolicy): PolicyAnatomy {
  return (policy as Described)[ANATOMY] ?? EMPTY;
}

/** For combinators: everything the children name. */
export function withChildAnatomy(policy: FilePolicy, children: readonly FilePolicy[]): FilePolicy {
  const parts = children.map(policyAnatomy);
  return withAnatomy(policy, {
    users: parts.flatMap((part) => part.users),
    paths: parts.flatMap((part) => part.paths),
    places: (user) => parts.flatMap((part) => part.places(user)),
  });
}
