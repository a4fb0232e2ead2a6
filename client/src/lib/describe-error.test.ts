import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client";
import { describeError, missingGrant } from "./describe-error";

describe("describeError", () => {
  it("names the missing Unity Catalog grant from a 403", () => {
    const error = new ApiError(
      403,
      "PERMISSION_DENIED",
      "User does not have READ VOLUME on Volume 'main.demo.uploads'.",
    );
    expect(describeError(error)).toEqual({
      kind: "denied",
      title: "You don't have permission",
      detail: "User does not have READ VOLUME on Volume 'main.demo.uploads'.",
      hint: "Ask an owner of main.demo.uploads to grant you READ VOLUME in Unity Catalog.",
    });
    expect(missingGrant("nothing to see")).toBeUndefined();
  });

  it("tells policy refusals, 401s, 404s and network failures apart", () => {
    expect(describeError(new ApiError(403, "POLICY_DENIED", "no")).kind).toBe("policy");
    const unauth = describeError(new ApiError(401, "UNAUTHENTICATED", "no token"));
    expect(unauth.kind).toBe("unauthenticated");
    expect(unauth.detail).toMatch(/enable user authorization/);
    expect(describeError(new ApiError(404, "NOT_FOUND", "gone")).kind).toBe("not-found");
    expect(describeError(new TypeError("Failed to fetch")).kind).toBe("offline");
    expect(describeError(new ApiError(502, "UPSTREAM_ERROR", "bad gateway"))).toMatchObject({
      kind: "error",
      detail: "bad gateway",
    });
  });

  it("says which user authorization scope is missing, and when run-local forwards no token", () => {
    const scope = describeError(
      new ApiError(
        403,
        "PERMISSION_DENIED",
        "Provided OAuth token does not have required scopes: files.files",
      ),
    );
    expect(scope).toMatchObject({ kind: "denied", title: "The app may not do this on your behalf" });
    expect(scope.hint).toContain("add files.files to the app's user authorization scopes");
    const runLocal = describeError(
      new ApiError(401, "UNAUTHENTICATED", "… `databricks apps run-local` forwards no user access token …"),
    );
    expect(runLocal).toMatchObject({ kind: "unauthenticated", title: "No user token here" });
    expect(runLocal.detail).not.toMatch(/enable user authorization/);
  });
});
