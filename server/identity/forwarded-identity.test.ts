import { describe, expect, it } from "vitest";
import { callerFromHeaders } from "./caller.js";
import { foreignHeaders } from "./forwarded-identity.js";
import type { TokenOwner } from "./token-owners.js";

const alice: TokenOwner = {
  id: "1001",
  names: ["alice@example.com", "alice.smith@corp.example.com"],
  displayName: "alice smith",
};
const check = (headers: Record<string, string>) =>
  foreignHeaders(callerFromHeaders({ "x-forwarded-access-token": "t", ...headers }), alice);

describe("foreignHeaders", () => {
  it("accepts what the Apps proxy sends for the token's owner", () => {
    expect(
      check({
        "x-forwarded-user": "1001@7474650000000000",
        "x-forwarded-email": "Alice@Example.com",
        "x-forwarded-preferred-username": "alice.smith@corp.example.com",
      }),
    ).toEqual([]);
  });

  it("accepts what databricks apps run-local sends (user name as user, display name as user name)", () => {
    expect(
      check({
        "x-forwarded-user": "alice@example.com",
        "x-forwarded-email": "alice@example.com",
        "x-forwarded-preferred-username": "Alice Smith",
      }),
    ).toEqual([]);
  });

  it("names each header that belongs to someone else", () => {
    expect(check({ "x-forwarded-user": "1001@74", "x-forwarded-email": "bob@example.com" })).toEqual([
      "x-forwarded-email",
    ]);
    expect(check({ "x-forwarded-user": "2002@74", "x-forwarded-email": "alice@example.com" })).toEqual([
      "x-forwarded-user",
    ]);
    expect(
      check({
        "x-forwarded-user": "1001@74",
        "x-forwarded-email": "alice@example.com",
        "x-forwarded-preferred-username": "bob@example.com",
      }),
    ).toEqual(["x-forwarded-preferred-username"]);
    // A prefix or a look-alike is not the owner.
    expect(check({ "x-forwarded-user": "10011@74" })).toEqual(["x-forwarded-user"]);
    expect(check({ "x-forwarded-email": "alice@example.com.evil" })).toEqual(["x-forwarded-email"]);
  });

  it("refuses a token without any user headers", () => {
    expect(check({})).toEqual(["x-forwarded-user", "x-forwarded-email"]);
  });
});
