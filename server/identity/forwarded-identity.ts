// Whether the identity headers that came with a user access token name that token's owner. The
// Apps proxy strips client-sent x-forwarded-* headers and injects its own, so behind it they
// always agree; a request that reached the app's port some other way with someone's token and
// another person's email does not.
import type { Caller } from "./caller.js";
import type { TokenOwner } from "./token-owners.js";

/**
 * The headers that do not belong to `owner` (empty when all do). `x-forwarded-user` is
 * `<id>@<workspace id>` behind the proxy (`databricks apps run-local` sends the user name):
 * either form must name the owner. Email and user name must be the owner's user name or one of
 * their emails (Databricks user names are usually the email; IdP user names the UPN, which is the
 * Databricks user name); the preferred user name may also be the display name, as
 * `databricks apps run-local` sends it.
 */
export function foreignHeaders(caller: Caller, owner: TokenOwner): string[] {
  const isOwnName = (value: string) => owner.names.includes(value.toLowerCase());
  const out: string[] = [];
  if (!caller.isUser) out.push("x-forwarded-user", "x-forwarded-email");
  if (caller.userId !== undefined) {
    const at = caller.userId.indexOf("@");
    const idPart = at < 0 ? caller.userId : caller.userId.slice(0, at);
    if (idPart !== owner.id && caller.userId !== owner.id && !isOwnName(caller.userId)) {
      out.push("x-forwarded-user");
    }
  }
  if (caller.email !== undefined && !isOwnName(caller.email)) out.push("x-forwarded-email");
  const userName = caller.userName?.toLowerCase();
  if (userName !== undefined && !isOwnName(userName) && userName !== owner.displayName) {
    out.push("x-forwarded-preferred-username");
  }
  return out;
}
