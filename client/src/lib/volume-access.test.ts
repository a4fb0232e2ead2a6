import { describe, expect, it } from "vitest";
import { READ_ACTIONS, WRITE_ACTIONS } from "../../../shared/actions";
import { accessOf, canWriteAnything, denyReason, folderAccess } from "./volume-access";

describe("volume access", () => {
  it("summarises the allowed actions", () => {
    expect(accessOf([...READ_ACTIONS, ...WRITE_ACTIONS])).toBe("read-write");
    expect(accessOf([...READ_ACTIONS])).toBe("read-only");
    expect(accessOf(["upload"])).toBe("write-only");
    expect(accessOf([])).toBe("no access");
  });

  it("explains a refusal per auth mode and says nothing when allowed", () => {
    const sp = { key: "shared", auth: "service-principal" as const, actions: [...READ_ACTIONS] };
    const obo = { key: "uploads", auth: "on-behalf-of-user" as const, actions: [...READ_ACTIONS] };
    expect(denyReason(sp, "upload")).toBe(
      "You can't upload files in “shared”: the app's policy for this volume does not allow it.",
    );
    expect(denyReason(obo, "delete")).toMatch(/your Unity Catalog grants/);
    expect(denyReason(sp, "download")).toBeUndefined();
    expect(canWriteAnything(sp)).toBe(false);
    expect(canWriteAnything({ actions: ["mkdir"] })).toBe(true);
  });

  it("takes a folder's own actions, narrowed by volume-wide Unity Catalog refusals", () => {
    const inboxRoot = { actions: [...READ_ACTIONS] };
    const ownFolder = [...READ_ACTIONS, ...WRITE_ACTIONS];
    expect(folderAccess(inboxRoot, ownFolder).actions).toEqual(ownFolder);
    expect(folderAccess(inboxRoot, undefined)).toBe(inboxRoot);
    const bobUploads = {
      actions: [...READ_ACTIONS],
      deniedBy: "User does not have WRITE VOLUME on Volume 'c.s.v'.",
    };
    expect(folderAccess(bobUploads, ownFolder).actions).toEqual([...READ_ACTIONS]);
  });
});
