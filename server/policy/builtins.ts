// AppKit's policy helpers (publicRead, allowAll, denyAll, all, any, not) plus usersOnly. The
// combinators stay synchronous while every child is, so the common built-in expressions never
// allocate a promise per request; one async child switches the rest of the evaluation to async.
import { isReadAction } from "../../shared/actions.js";
import { withChildAnatomy } from "./anatomy.js";
import type { FileAction, FilePolicy, PolicyResource, PolicyUser } from "./types.js";

export function publicRead(): FilePolicy {
  return (action) => isReadAction(action);
}

export function allowAll(): FilePolicy {
  return () => true;
}

export function denyAll(): FilePolicy {
  return () => false;
}

/** Denies service-principal traffic (header-less calls, the OBO dev fallback). */
export function usersOnly(): FilePolicy {
  return (_action, _resource, user) => user.isServicePrincipal !== true;
}

type Verdict = boolean | Promise<boolean>;

// Evaluates policies in order until one returns `stopOn`; returns `stopOn` then, else `!stopOn`.
function shortCircuit(
  policies: readonly FilePolicy[],
  stopOn: boolean,
  action: FileAction,
  resource: PolicyResource,
  user: PolicyUser,
): Verdict {
  for (let i = 0; i < policies.length; i++) {
    const policy = policies[i];
    if (!policy) continue;
    const verdict = policy(action, resource, user);
    if (verdict instanceof Promise)
      return finishAsync(verdict, policies.slice(i + 1), stopOn, action, resource, user);
    if (Boolean(verdict) === stopOn) return stopOn;
  }
  return !stopOn;
}

async function finishAsync(
  pending: Promise<boolean>,
  rest: readonly FilePolicy[],
  stopOn: boolean,
  action: FileAction,
  resource: PolicyResource,
  user: PolicyUser,
): Promise<boolean> {
  // Coerced because JavaScript policies registered by admins may return truthy non-booleans.
  if (Boolean(await pending) === stopOn) return stopOn;
  for (const policy of rest) {
    if (Boolean(await policy(action, resource, user)) === stopOn) return stopOn;
  }
  return !stopOn;
}

/** AND: every policy must allow; stops at the first denial. `all()` with no policies allows. */
export function all(...policies: FilePolicy[]): FilePolicy {
  return withChildAnatomy(
    (action, resource, user) => shortCircuit(policies, false, action, resource, user),
    policies,
  );
}

/** OR: one allowing policy is enough; stops at the first allow. `any()` with no policies denies. */
export function any(...policies: FilePolicy[]): FilePolicy {
  return withChildAnatomy(
    (action, resource, user) => shortCircuit(policies, true, action, resource, user),
    policies,
  );
}

/** Inverts a policy: `not(publicRead())` is write-only (a drop box). */
export function not(policy: FilePolicy): FilePolicy {
  return withChildAnatomy(
    (action, resource, user) => {
      const verdict = policy(action, resource, user);
      return verdict instanceof Promise ? verdict.then((allowed) => !allowed) : !verdict;
    },
    [policy],
  );
}
