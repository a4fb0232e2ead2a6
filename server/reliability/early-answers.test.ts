// Uploads refused before their body is read (409 for an existing file, 403 from Unity Catalog or
// from the policy) while the client is still sending megabytes through the Apps proxy and the app.
// The refusal itself must reach the client, not a reset connection or a 502, and the keep-alive
// connection must stay usable for the next request.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../test-support/stack.js";
import { contentOf, settled } from "./test-support/leaks.js";

const MiB = 1024 * 1024;

describe("uploads refused before their body is read", () => {
  let stack: TestStack;
  // One connection: the request after a refusal must travel on the very same one.
  const agent = new Agent({ connections: 1 });
  beforeAll(async () => {
    stack = await startTestStack();
    await mkdir(stack.onDisk("uploads", "early"), { recursive: true });
    await writeFile(stack.onDisk("uploads", "early/existing.bin"), "keep me");
  });
  afterAll(async () => {
    await agent.close();
    await stack?.close();
  });

  async function post(who: "alice" | "bob", volume: string, rel: string, size: number, overwrite = false) {
    const { base, headers } = stack.target(who);
    const res = await request(
      `${base}/api/files/${volume}/upload?path=${encodeURIComponent(rel)}&overwrite=${overwrite}`,
      {
        method: "POST",
        headers: {
          ...headers,
          "x-requested-with": "volumes-browser",
          "content-type": "application/octet-stream",
        },
        body: randomBytes(size),
        dispatcher: agent,
      },
    );
    return { status: res.statusCode, body: (await res.body.json()) as { code?: string } };
  }

  async function list(who: "alice" | "bob", volume: string) {
    const { base, headers } = stack.target(who);
    const res = await request(`${base}/api/files/${volume}/list`, { headers, dispatcher: agent });
    await res.body.dump();
    return res.statusCode;
  }

  it("409 for an existing file, whatever the body's size, and the old bytes stay", async () => {
    for (const size of [MiB, 16 * MiB]) {
      const res = await post("alice", "uploads", "early/existing.bin", size);
      expect(res.status, `${size} bytes`).toBe(409);
      expect(res.body.code).toBe("ALREADY_EXISTS");
      expect(await list("alice", "uploads")).toBe(200);
    }
    await settled(stack.emulator, stack.workspaceDir);
    expect((await contentOf(stack.onDisk("uploads", "early/existing.bin")))?.toString()).toBe("keep me");
  });

  it("403 from Unity Catalog (no WRITE VOLUME) and from the policy, connection still usable", async () => {
    for (let round = 0; round < 4; round++) {
      const size = (round + 1) * 2 * MiB;
      const denied = await post("bob", "uploads", `early/bob-${round}.bin`, size);
      expect(denied.status).toBe(403);
      expect(await list("bob", "uploads")).toBe(200);
      const policy = await post("bob", "shared", `early/bob-${round}.bin`, size);
      expect(policy.status).toBe(403);
      expect(await list("bob", "shared")).toBe(200);
    }
    await settled(stack.emulator, stack.workspaceDir);
  });
});
