// The user a volume's policy sees, per AppKit's policy-user matrix (architecture.md): the end
// user whenever the proxy identified one, else the app's service principal.
import type { PolicyUser } from "../policy/types.js";
import type { Caller } from "./caller.js";

export function policyUserFor(caller: Caller, servicePrincipalId: string): PolicyUser {
  if (!caller.isUser) return { id: servicePrincipalId, isServicePrincipal: true };
  return {
    id: caller.userId ?? caller.email ?? "",
    email: caller.email,
    userName: caller.userName ?? caller.email,
    isServicePrincipal: false,
  };
}
