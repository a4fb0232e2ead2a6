import { READ_ACTIONS, WRITE_ACTIONS } from "@shared/actions";
import type { PolicyPlace } from "@shared/api/volumes";
import { describe, expect, it } from "vitest";
import {
  accessOf,
  canUploadSomewhere,
  canWriteAnything,
  denyReason,
  folderAccess,
  ownFolderOf,
  uploadLimitLabel,
} from "./volume-access";

const ALL = [...READ_ACTIONS, ...WRITE_ACTIONS];
const mine: PolicyPlace = { path: "users/nia@example.com", kind: "own-folder", actions: ALL };

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
      "You can't upload files in “shared”: the app's policy does not allow it.",
    );
    expect(denyReason(obo, "delete")).toMatch(/your Unity Catalog grants/);
    expect(denyReason(sp, "download")).toBeUndefined();
    expect(canWriteAnything(sp)).toBe(false);
    expect(canWriteAnything({ actions: ["mkdir"] })).toBe(true);
  });

  it("takes a folder's own actions, narrowed by volume-wide Unity Catalog refusals", () => {
    const inboxRoot = { actions: [...READ_ACTIONS], places: [mine] };
    expect(folderAccess(inboxRoot, "users/nia@example.com", ALL).actions).toEqual(ALL);
    expect(folderAccess(inboxRoot, "users", [...READ_ACTIONS]).actions).toEqual([...READ_ACTIONS]);
    const bobUploads = { actions: [...READ_ACTIONS], grantsDeny: ["write" as const] };
    expect(folderAccess(bobUploads, "any/folder", ALL).actions).toEqual([...READ_ACTIONS]);
    const carolUploads = { actions: [], grantsDeny: ["read" as const, "write" as const] };
    expect(folderAccess(carolUploads, "", ALL).actions).toEqual([]);
  });

  it("knows an own folder that has no listing yet (it does not exist before the first upload)", () => {
    const inboxRoot = { actions: [...READ_ACTIONS], places: [mine] };
    expect(folderAccess(inboxRoot, "users/nia@example.com", undefined).actions).toEqual(ALL);
    expect(folderAccess(inboxRoot, "users/nia@example.com/sub", undefined).actions).toEqual(ALL);
    expect(folderAccess(inboxRoot, "users/nia@example.com.evil", undefined).actions).toEqual([
      ...READ_ACTIONS,
    ]);
    expect(folderAccess(inboxRoot, "", undefined).actions).toEqual([...READ_ACTIONS]);
  });

  it("points from a read-only folder to where writing is allowed", () => {
    const inbox = {
      key: "inbox",
      auth: "service-principal" as const,
      actions: [...READ_ACTIONS],
      places: [mine],
    };
    expect(denyReason(inbox, "upload")).toBe(
      "You can't upload files here: the app's policy does not allow it. You can in your folder, users/nia@example.com/.",
    );
    expect(ownFolderOf(inbox)).toBe(mine);
    expect(ownFolderOf({ places: [{ ...mine, actions: [...READ_ACTIONS] }] })).toBeUndefined();
    expect(canUploadSomewhere(inbox)).toBe(true);
    expect(canUploadSomewhere({ actions: [...READ_ACTIONS], places: [] })).toBe(false);
  });

  it("shows the upload limit as the admin wrote it", () => {
    expect(uploadLimitLabel({ maxUploadSize: 1_000_000, maxUploadSizeLabel: "1 MB" })).toBe("1 MB");
    expect(uploadLimitLabel({ maxUploadSize: 1_048_576 })).toBe("1 MiB");
  });
});
