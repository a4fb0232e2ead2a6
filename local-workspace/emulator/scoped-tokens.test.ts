import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { createPrincipals } from "../principals.js";
import { EmulatorApiError } from "./errors.js";
import type { PrincipalsSnapshot } from "./principal-store.js";
import { requiredScope, ScopedTokens } from "./scoped-tokens.js";

const file = createPrincipals();
const snapshot = { file, byToken: new Map(), volumes: new Map() } as PrincipalsSnapshot;
const alice = file.users[0] as (typeof file.users)[number];
const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;
const FILE = "/api/2.0/fs/files/Volumes/main/demo/uploads/a.txt";

function refusal(run: () => unknown): EmulatorApiError {
  try {
    run();
  } catch (err) {
    if (err instanceof EmulatorApiError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("scoped user tokens", () => {
  it("maps the emulated APIs to their scopes", () => {
    expect(requiredScope("GET", FILE)).toBe("files.files");
    expect(requiredScope("PUT", "/api/2.0/fs/directories/Volumes/c/s/v/d")).toBe("files.files");
    expect(requiredScope("GET", "/api/2.0/preview/scim/v2/Me")).toBe("iam.current-user:read");
    expect(requiredScope("GET", "/api/2.1/unity-catalog/volumes")).toBeUndefined();
  });

  it("with files.files: the Files API and SCIM Me (a default scope) as the user", () => {
    const tokens = new ScopedTokens();
    const { accessToken } = tokens.issue(alice.userName, ["files.files"]);
    expect(tokens.principalFor(accessToken, request("PUT", FILE), snapshot)).toMatchObject({
      kind: "user",
      user: { userName: alice.userName },
    });
    expect(
      tokens.principalFor(accessToken, request("GET", "/api/2.0/preview/scim/v2/Me"), snapshot),
    ).toMatchObject({ kind: "user" });
  });

  it("without files.files: the Files API answers Databricks' missing-scope 403", () => {
    const tokens = new ScopedTokens();
    const { accessToken } = tokens.issue(alice.userName, ["sql"]);
    const err = refusal(() => tokens.principalFor(accessToken, request("GET", FILE), snapshot));
    expect(err.status).toBe(403);
    expect(err.errorCode).toBe("PERMISSION_DENIED");
    expect(err.message).toBe("Provided OAuth token does not have required scopes: files.files");
  });

  it("a scope without a modifier covers its operations; an expired token or a removed user is no token", () => {
    let now = 0;
    const tokens = new ScopedTokens(() => now);
    const broad = tokens.issue(alice.userName, ["files"], 1000).accessToken;
    expect(refusal(() => tokens.principalFor(broad, request("GET", FILE), snapshot)).status).toBe(403);
    const iam = tokens.issue(alice.userName, ["iam.current-user"], 1000).accessToken;
    expect(tokens.principalFor(iam, request("GET", "/api/2.0/preview/scim/v2/Me"), snapshot)).toBeDefined();
    const scoped = tokens.issue(alice.userName, ["files.files"], 1000).accessToken;
    const without = { ...snapshot, file: { ...file, users: file.users.slice(1) } };
    expect(tokens.principalFor(scoped, request("GET", FILE), without)).toBeUndefined();
    now = 1000;
    expect(tokens.principalFor(scoped, request("GET", FILE), snapshot)).toBeUndefined();
    expect(tokens.principalFor("eyJunknown", request("GET", FILE), snapshot)).toBeUndefined();
  });
});
