// What the UI is told about permissions, through the proxy as each demo user and as a person who
// exists only in principals.json (no grants, no seeded folder): per volume the root's actions,
// the folders where the policy allows more (the own folder first), known grant refusals and the
// upload limit as the admin wrote it; per folder the x-allowed-actions header of its listing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newToken, writePrincipals } from "../../../local-workspace/principals.js";
import { READ_ACTIONS, WRITE_ACTIONS } from "../../../shared/actions.js";
import type { VolumeInfo, VolumesResponse } from "../../../shared/api/volumes.js";
import { basicAuth, jsonOf, startTestStack, type TestStack } from "../../test-support/stack.js";

const ALL = [...READ_ACTIONS, ...WRITE_ACTIONS];
const NEWCOMER = "nia.newcomer@example.com";

describe("allowed actions, told per caller and per folder", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { FILES_INBOX_MAX_UPLOAD_SIZE: "1MB" } });
    const principals = stack.workspace.principals();
    principals.users.push({
      id: "4242424242424242",
      userName: NEWCOMER,
      displayName: "Nia",
      token: newToken(),
    });
    await writePrincipals(stack.workspaceDir, principals);
    // The proxy and the emulator re-read principals.json within a second.
    const deadline = Date.now() + 10_000;
    while ((await asNewcomer("/api/me")).status !== 200) {
      if (Date.now() > deadline) throw new Error("the proxy never learned the new principal");
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(() => stack?.close());

  const asNewcomer = (url: string, init: RequestInit = {}) =>
    fetch(`${stack.info.proxyUrl}${url}`, {
      ...init,
      headers: { authorization: basicAuth(NEWCOMER), "x-requested-with": "volumes-browser", ...init.headers },
      ...(init.body ? { duplex: "half" } : {}),
    });

  async function volumesOf(who: "alice" | "bob" | "carol" | "newcomer"): Promise<Record<string, VolumeInfo>> {
    const res =
      who === "newcomer"
        ? await asNewcomer("/api/files/volumes")
        : await stack.fetch(who, "/api/files/volumes");
    expect(res.status).toBe(200);
    const body = await jsonOf<VolumesResponse>(res);
    return Object.fromEntries(body.details.map((d) => [d.key, d]));
  }

  it("shows every person, a newcomer included, the way to their own inbox folder", async () => {
    for (const [who, email] of [
      ["alice", "alice@example.com"],
      ["bob", "bob@example.com"],
      ["carol", "carol@example.com"],
      ["newcomer", NEWCOMER],
    ] as const) {
      const { inbox } = await volumesOf(who);
      expect(inbox?.actions, who).toEqual([...READ_ACTIONS]);
      // A service-principal volume: nobody's own grants narrow it.
      expect(inbox?.places, who).toEqual([{ path: `users/${email}`, kind: "own-folder", actions: ALL }]);
      expect(inbox?.grantsDeny, who).toBeUndefined();
    }
  });

  it("tells on-behalf-of-user volumes' grant refusals, and no places where the policy allows all", async () => {
    const alice = await volumesOf("alice");
    expect(alice.uploads).toMatchObject({ actions: ALL, places: [] });
    expect(alice.uploads?.grantsDeny).toBeUndefined();
    const bob = await volumesOf("bob");
    expect(bob.uploads).toMatchObject({ actions: [...READ_ACTIONS], grantsDeny: ["write"] });
    for (const who of ["carol", "newcomer"] as const) {
      const { uploads } = await volumesOf(who);
      expect(uploads, who).toMatchObject({ actions: [], places: [], grantsDeny: ["read", "write"] });
      expect(uploads?.deniedBy, who).toMatch(/READ VOLUME/);
    }
    const { shared } = await volumesOf("newcomer");
    expect(shared).toMatchObject({ actions: [...READ_ACTIONS], places: [] });
  });

  it("carries the upload limit in the unit the admin wrote", async () => {
    const volumes = await volumesOf("bob");
    expect(volumes.inbox).toMatchObject({ maxUploadSize: 1_000_000, maxUploadSizeLabel: "1 MB" });
    expect(volumes.uploads?.maxUploadSizeLabel).toBe("5 GiB");
  });

  it("answers each folder's listing with what the caller may do in that folder", async () => {
    const header = async (who: "alice" | "bob", path: string) => {
      const res = await stack.fetch(who, `/api/files/inbox/list?path=${encodeURIComponent(path)}`);
      expect(res.status).toBe(200);
      return res.headers.get("x-allowed-actions")?.split(",");
    };
    expect(await header("alice", "")).toEqual([...READ_ACTIONS]);
    expect(await header("alice", "users")).toEqual([...READ_ACTIONS]);
    expect(await header("alice", "users/alice@example.com")).toEqual(ALL);
    expect(await header("bob", "users/alice@example.com")).toEqual([...READ_ACTIONS]);
  });

  it("lets a newcomer upload into their own folder before it exists, and nowhere else", async () => {
    expect((await asNewcomer(`/api/files/inbox/list?path=users/${NEWCOMER}`)).status).toBe(404);
    const upload = (path: string) =>
      asNewcomer(`/api/files/inbox/upload?path=${encodeURIComponent(path)}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: "hello from a newcomer\n",
      });
    expect((await upload(`users/${NEWCOMER}/hello.txt`)).status).toBe(200);
    const listing = await asNewcomer(`/api/files/inbox/list?path=users/${NEWCOMER}`);
    expect(listing.status).toBe(200);
    expect(listing.headers.get("x-allowed-actions")?.split(",")).toEqual(ALL);
    expect((await jsonOf<Array<{ name: string }>>(listing)).map((e) => e.name)).toEqual(["hello.txt"]);
    expect((await upload("users/alice@example.com/not-mine.txt")).status).toBe(403);
    expect((await upload("at-the-root.txt")).status).toBe(403);
  });
});

describe("an own-folder policy on an on-behalf-of-user volume", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { FILES_UPLOADS_POLICY: 'any(actions(read-actions), own-folder("users/{email}/"))' },
    });
  });
  afterAll(() => stack?.close());

  const uploadsOf = async (who: "alice" | "bob") => {
    const body = await jsonOf<VolumesResponse>(await stack.fetch(who, "/api/files/volumes"));
    return body.details.find((d) => d.key === "uploads");
  };

  it("probes the grants for writing when only a place allows it, and applies them to the place", async () => {
    // alice holds WRITE VOLUME: her own folder is writable.
    expect(await uploadsOf("alice")).toMatchObject({
      actions: [...READ_ACTIONS],
      places: [{ path: "users/alice@example.com", kind: "own-folder", actions: ALL }],
    });
    // bob holds READ VOLUME only: the policy would let him write in his folder, Unity Catalog won't.
    const bob = await uploadsOf("bob");
    expect(bob).toMatchObject({ actions: [...READ_ACTIONS], places: [], grantsDeny: ["write"] });
    expect(bob?.deniedBy).toMatch(/WRITE VOLUME/);
  });
});
