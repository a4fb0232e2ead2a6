// The user a volume's policy sees, per AppKit's policy-user matrix (docs/architecture.md): the end
// user whenever the proxy identified one, else the app's service principal.
import type { PolicyUser } from "../policy/types.js";
import type { Caller } from "./caller.js";

/** `servicePrincipal` is the SP as a policy user, or just its id. */
export function policyUserFor(caller: Caller, servicePrincipal: PolicyUser | string): PolicyUser {
  if (!caller.isUser) {
    return typeof servicePrincipal === "string"
      ? { id: servicePrincipal, isServicePrincipal: true }
      : { ...servicePrincipal, isServicePrincipal: true };
  }
  return {
    id: caller.userId ?? caller.email ?? "",
    email: caller.email,
    userName: caller.userName ?? caller.email,
    isServicePrincipal: false,
  };
}
