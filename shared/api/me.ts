import Type, { type Static } from "typebox";

/** GET /api/me: the caller as the app sees them (from the headers the Apps proxy injects). */
export const MeResponse = Type.Object({
  /** x-forwarded-user (`<numeric id>@<workspace id>`), or the service principal's id. Not for display. */
  id: Type.String(),
  email: Type.Optional(Type.String()),
  userName: Type.Optional(Type.String()),
  /** Whether the request carried no user headers, so it runs as the app's service principal. */
  isServicePrincipal: Type.Boolean(),
  /** Whether the proxy forwarded a user token (user authorization is enabled for the app). */
  hasUserToken: Type.Boolean(),
  /**
   * Where to sign in as someone else (takes `?next=<path>`) and to sign out (POST): only behind
   * the local workspace's proxy, which signs demo users in. On Databricks people sign in with
   * their workspace account, so both are absent.
   */
  switchUserUrl: Type.Optional(Type.String()),
  signOutUrl: Type.Optional(Type.String()),
});
export type MeResponse = Static<typeof MeResponse>;
