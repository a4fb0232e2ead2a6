// The policy module's public surface.
export { allowedActions } from "./allowed-actions.js";
export { type PlaceHint, type PlaceKind, type PolicyAnatomy, policyAnatomy, withAnatomy } from "./anatomy.js";
export { all, allowAll, any, denyAll, not, publicRead, usersOnly } from "./builtins.js";
export { type CompiledPolicy, compilePolicyExpression } from "./compile.js";
export { describePolicy, type PolicyDescription, type PolicyPlace } from "./describe.js";
export { PolicyExpressionError, type PolicyIssue } from "./expression-error.js";
export { compileGlob, type Glob, GlobError } from "./glob.js";
export {
  createPolicyRegistry,
  defaultPolicyRegistry,
  type PolicyDefinition,
  type PolicyFactory,
  type PolicyRegistry,
  PolicyRegistryError,
  type RegisterPolicyOptions,
} from "./registry.js";
export { ACTION_GROUPS, actions, ownFolder, PolicyArgumentError, pathGlob, users } from "./rules.js";
export type { FileAction, FilePolicy, PolicyResource, PolicyUser } from "./types.js";
