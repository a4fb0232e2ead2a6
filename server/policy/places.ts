// Where a policy may allow more than at the volume root: folders a rule names (`own-folder`
// resolves to the caller's folder, `path("reports/**")` to `reports`). Rules attach these hints
// to the policy function itself and combinators pass their children's on, so any compiled
// policy (from an expression or built in code) can tell the UI where to look. Hints are only
// candidates: describePolicy asks the policy itself what it allows at each one.
import type { FilePolicy, PolicyUser } from "./types.js";

export type PlaceKind = "own-folder" | "path";

export interface PlaceHint {
  /** Volume-relative folder, no leading or trailing slash; never `""`. */
  path: string;
  kind: PlaceKind;
}

type HintSource = (user: PolicyUser) => PlaceHint[];

const HINTS = Symbol("policy place hints");
type Hinted = FilePolicy & { [HINTS]?: HintSource };

/** Returns `policy` carrying `hints`; the policy's verdicts are unchanged. */
export function withPlaceHints(policy: FilePolicy, hints: HintSource): FilePolicy {
  (policy as Hinted)[HINTS] = hints;
  return policy;
}

/** The hints of `policy` for `user` (none for policies that carry none, e.g. custom ones). */
export function placeHints(policy: FilePolicy, user: PolicyUser): PlaceHint[] {
  return (policy as Hinted)[HINTS]?.(user) ?? [];
}

/** For combinators: the union of the children's hints. */
export function withChildHints(policy: FilePolicy, children: readonly FilePolicy[]): FilePolicy {
  return withPlaceHints(policy, (user) => children.flatMap((child) => placeHints(child, user)));
}
