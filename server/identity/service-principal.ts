// The app's service principal as a policy user. Its id comes from SCIM /Me (what the policy
// `users(...)` rule and audit lines should name); until that answered, the OAuth client id
// stands in, so requests are never blocked on it.
import type { CurrentUser } from "../databricks/current-user.js";
import type { PolicyUser } from "../policy/types.js";

export interface ServicePrincipalIdentity {
  current(): PolicyUser;
  /** Asks SCIM /Me who the credentials belong to (startup uses it as a credential check). */
  verify(): Promise<PolicyUser>;
}

export interface ServicePrincipalIdentityOptions {
  /** DATABRICKS_CLIENT_ID, when the app runs with OAuth M2M. */
  clientId?: string;
  fetchMe: () => Promise<CurrentUser>;
}

export function createServicePrincipalIdentity(
  options: ServicePrincipalIdentityOptions,
): ServicePrincipalIdentity {
  let known: PolicyUser | undefined;
  const fallback: PolicyUser = {
    id: options.clientId ?? "service-principal",
    userName: options.clientId,
    isServicePrincipal: true,
  };
  return {
    current: () => known ?? fallback,
    async verify() {
      const me = await options.fetchMe();
      // A service principal's SCIM userName is its application (client) id.
      known = { id: me.id, userName: me.userName, isServicePrincipal: true };
      return known;
    },
  };
}
